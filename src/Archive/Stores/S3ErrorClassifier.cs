using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace Rainforest.Archive.Stores;

/// <summary>Sorts S3 and network failures into the kinds the shipper and the status distinguish.</summary>
public static class S3ErrorClassifier
{
    // Errors no retry will fix without an operator: logged loudly, still retried (slowly) so nothing is dropped.
    private static readonly HashSet<string> PermanentCodes = new(StringComparer.Ordinal)
    {
        "NoSuchBucket", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "AllAccessDisabled",
        "InvalidBucketName", "AccountProblem", "PermanentRedirect", "AuthorizationHeaderMalformed",
        "InvalidToken", "ExpiredToken", "InvalidObjectState", "MethodNotAllowed", "NotImplemented",
    };

    public static ArchiveStoreException Classify(Exception exception, string operation, string key)
    {
        if (exception is ArchiveStoreException known) return known;

        if (exception is AmazonS3Exception s3)
        {
            var code = string.IsNullOrEmpty(s3.ErrorCode) ? ((int)s3.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : s3.ErrorCode;
            var kind = code switch
            {
                "BadDigest" or "InvalidDigest" => ArchiveErrorKind.Integrity,
                "PreconditionFailed" or "ConditionalRequestConflict" => ArchiveErrorKind.Conflict,
                _ when PermanentCodes.Contains(code) => ArchiveErrorKind.Permanent,
                _ when s3.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict => ArchiveErrorKind.Conflict,
                _ when (int)s3.StatusCode >= 500 || s3.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => ArchiveErrorKind.Transient,
                _ when code is "SlowDown" or "RequestTimeout" or "InternalError" or "ServiceUnavailable" => ArchiveErrorKind.Transient,
                _ when s3.StatusCode == HttpStatusCode.Forbidden => ArchiveErrorKind.Permanent,
                _ when (int)s3.StatusCode is >= 400 and < 500 => ArchiveErrorKind.Permanent,
                _ => ArchiveErrorKind.Transient,
            };
            return new ArchiveStoreException(kind, code, $"S3 {operation} of {key} failed: {code} ({(int)s3.StatusCode}) {s3.Message}", exception);
        }

        if (IsNetwork(exception))
        {
            return new ArchiveStoreException(ArchiveErrorKind.Transient, "Unreachable",
                $"S3 {operation} of {key} failed: {Innermost(exception).Message}", exception);
        }

        if (exception is AmazonClientException)
        {
            // Typically no credentials or no region could be resolved: configuration, not weather.
            return new ArchiveStoreException(ArchiveErrorKind.Permanent, "ClientConfiguration",
                $"S3 {operation} of {key} failed: {exception.Message}", exception);
        }

        return new ArchiveStoreException(ArchiveErrorKind.Transient, exception.GetType().Name,
            $"S3 {operation} of {key} failed: {exception.Message}", exception);
    }

    private static bool IsNetwork(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or SocketException or TimeoutException or IOException or OperationCanceledException) return true;
        }
        return false;
    }

    private static Exception Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}

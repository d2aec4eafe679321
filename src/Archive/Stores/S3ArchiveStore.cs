using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Telemetry;

namespace Rainforest.Archive.Stores;

/// <summary>
/// Hour objects in an S3 bucket (AWS or any S3-compatible server). Uploads carry Content-MD5, which the
/// server checks, and are confirmed by the returned ETag; writes are conditional on the version we merged.
/// </summary>
public sealed class S3ArchiveStore(IAmazonS3 s3, IOptions<ArchiveOptions> options, ArchiveMetrics metrics) : IArchiveStore
{
    private readonly ArchiveOptions _options = options.Value;
    private string Bucket => _options.Bucket!;

    public string Target => $"s3://{Bucket}/{_options.Prefix}" + (string.IsNullOrWhiteSpace(_options.ServiceUrl) ? string.Empty : $" at {_options.ServiceUrl}");

    public async Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = key }, cancellationToken);
            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)Math.Min(response.ContentLength, int.MaxValue) : 0);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return new StoredObject(buffer.ToArray(), response.ETag);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey" || (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket"))
        {
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw S3ErrorClassifier.Classify(e, "read", key);
        }
    }

    public async Task<string> WriteAsync(string key, byte[] content, string? expectedETag, CancellationToken cancellationToken)
    {
        var md5 = ContentHash.Md5(content);
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = new MemoryStream(content, writable: false),
            MD5Digest = Convert.ToBase64String(md5),
            ContentType = "application/gzip",
            UseChunkEncoding = false,
        };
        if (_options.ConditionalWrites)
        {
            if (expectedETag is null) request.IfNoneMatch = "*";
            else request.IfMatch = expectedETag;
        }

        var started = Stopwatch.GetTimestamp();
        PutObjectResponse response;
        try
        {
            response = await s3.PutObjectAsync(request, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw S3ErrorClassifier.Classify(e, "write", key);
        }

        if (_options.VerifyETag && !ContentHash.ETagMatches(response.ETag, md5, out var comparable) && comparable)
        {
            throw new ArchiveStoreException(ArchiveErrorKind.Integrity, "ETagMismatch",
                $"S3 stored {key} with ETag {response.ETag}, but the MD5 of what was sent is {ContentHash.Hex(md5)}.")
            {
                StoredETag = response.ETag,
            };
        }

        metrics.Uploaded(content.Length, Stopwatch.GetElapsedTime(started));
        return response.ETag ?? ContentHash.ETagOf(content);
    }

    public async Task CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken)
    {
        try
        {
            await s3.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = Bucket,
                SourceKey = sourceKey,
                DestinationBucket = Bucket,
                DestinationKey = destinationKey,
            }, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw S3ErrorClassifier.Classify(e, "copy", sourceKey);
        }
    }
}

using System.Buffers;
using Microsoft.AspNetCore.Mvc;
using Rainforest.Api.Security;
using Rainforest.Eagle.Uploader;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// <c>POST /api/uploader/{secret}</c>: where a push user's gateway Uploader posts its readings. The secret in the
/// URL authenticates (no API key); any Content-Type is read as the raw XML envelope, at most 64 KiB.
/// </summary>
public static partial class UploaderEndpoints
{
    public const string Route = "/api/uploader/{secret}";

    public static IEndpointRouteBuilder MapUploaderEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Route, Upload)
            .AllowAnonymous()
            .RequireRateLimiting(UploaderRateLimiting.PolicyName)
            .WithMetadata(new RequestSizeLimitAttribute(UploadParser.MaxUploadBytes))
            .WithTags("Uploader")
            .WithSummary("A gateway's Uploader pushes an envelope of readings; the secret authenticates");
        return routes;
    }

    private static async Task<Results<Ok<UploadResponse>, ProblemHttpResult>> Upload(
        [FromRoute(Name = "secret")] string secret, HttpRequest request, IGrainFactory grains, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(UploaderEndpoints).FullName!);
        if (request.ContentLength > UploadParser.MaxUploadBytes) return TooLarge(request);
        var body = await ReadBoundedAsync(request, request.HttpContext.RequestAborted);
        if (body is null) return TooLarge(request);

        // The secret is checked before the body is parsed, so a stranger's upload costs one hash and one lookup.
        if (secret.Length is 0 or > UploadSecret.MaxLength) return Unauthorized();
        var hash = UploadSecret.Hash(secret);
        var cloudId = await grains.GetGrain<IUploaderSecretGrain>(UploadSecret.HashKey(hash)).GetCloudIdAsync();
        if (cloudId is null) return Unauthorized();

        var parsed = UploadParser.Parse(body, time.GetUtcNow());
        if (!parsed.Accepted)
        {
            LogRefused(logger, cloudId, body.Length);
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed upload", detail: parsed.Reason);
        }
        var envelope = new UploadEnvelope(parsed.MacId, [.. parsed.Readings.Select(r => new PushedDemand(
            r.DeviceMacId, r.MeterMacId, r.TimeStamp, r.Demand, r.Multiplier, r.Divisor, r.DigitsRight, r.DigitsLeft, r.SuppressLeadingZero))],
            [.. parsed.Captured.Select(c => c.Outcome.IsCaptured
                ? new PushedCapture(c.Kind.Name, c.Outcome.CapturedLine, null, null)
                : new PushedCapture(c.Kind.Name, null, c.Outcome.Kind.ToString(), c.Outcome.Detail))]);
        var result = await grains.GetGrain<IUserGrain>(cloudId).UploadAsync(hash, envelope);
        return result.Status switch
        {
            UploadStatus.Accepted => TypedResults.Ok(new UploadResponse(result.Logged, result.Repeats)),
            UploadStatus.OtherGateway => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Upload from another gateway", detail: "This upload URL belongs to the gateway whose upload came first; register the user again for a new gateway."),
            UploadStatus.WriteFailed => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Upload not logged", detail: result.Detail),
            _ => Unauthorized(),
        };
    }

    // The whole body or null when it is larger than the limit; never holds more than the limit and one byte.
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(UploadParser.MaxUploadBytes + 1);
        try
        {
            var total = 0;
            while (total <= UploadParser.MaxUploadBytes)
            {
                int read;
                try
                {
                    read = await request.Body.ReadAsync(buffer.AsMemory(total, UploadParser.MaxUploadBytes + 1 - total), cancellationToken);
                }
                catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    return null;
                }
                if (read == 0) return buffer.AsSpan(0, total).ToArray();
                total += read;
            }
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // One answer for a secret never issued, revoked, or of a deleted user.
    private static ProblemHttpResult Unauthorized() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Unknown upload URL", detail: "This upload URL is not valid; ask for the user's current one.");

    // The rest of the body is not read: closing the connection spares draining it, and the answer still arrives.
    private static ProblemHttpResult TooLarge(HttpRequest request)
    {
        request.HttpContext.Response.Headers.Connection = "close";
        return TooLargeProblem();
    }

    private static ProblemHttpResult TooLargeProblem() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Upload too large", detail: $"An upload is at most {UploadParser.MaxUploadBytes / 1024} KiB.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload for {CloudId} refused as malformed ({Bytes} bytes)")]
    private static partial void LogRefused(ILogger logger, string cloudId, int bytes);
}

/// <summary>What an accepted upload did: readings logged, and readings already logged (a re-sent envelope).</summary>
public sealed record UploadResponse(int Logged, int Repeats);

/// <summary>Where the gateway's Uploader posts; shown only when the secret is issued.</summary>
public sealed record UploaderResponse(string Url);

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Rainforest.Api.Problems;
using Rainforest.Eagle.Uploader;

namespace Rainforest.Api.Security;

/// <summary>
/// A token bucket per Uploader secret (partitioned by its hash, so the secret is not kept as a key): a gateway
/// catching up may burst, a runaway one is answered 429 before it reaches the grain.
/// </summary>
public sealed class UploaderRateLimiting : IRateLimiterPolicy<string>
{
    public const string PolicyName = "PerUploaderSecret";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter =
                Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        return new ValueTask(ApiProblems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests,
            "Too many uploads", "This upload URL is sending faster than a gateway does; retry shortly."));
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var secret = httpContext.Request.RouteValues["secret"] as string ?? "";
        var key = secret.Length is > 0 and <= UploadSecret.MaxLength ? UploadSecret.HashKey(UploadSecret.Hash(secret)) : "invalid";
        var push = httpContext.RequestServices.GetRequiredService<IOptionsMonitor<PushSourceOptions>>().CurrentValue;
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = push.UploadBurst,
            TokensPerPeriod = push.UploadsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}

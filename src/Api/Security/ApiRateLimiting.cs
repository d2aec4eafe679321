using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Rainforest.Api.Problems;

namespace Rainforest.Api.Security;

/// <summary>A token bucket per API key, so one runaway script cannot starve the other clients.</summary>
public static class ApiRateLimiting
{
    public const string PolicyName = "PerApiKey";

    public static void Configure(RateLimiterOptions options)
    {
        options.OnRejected = (context, _) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }
            return new ValueTask(ApiProblems.Write(context.HttpContext,
                StatusCodes.Status429TooManyRequests, "Too many requests", "This API key has used its share; retry shortly."));
        };
        options.AddPolicy(PolicyName, context =>
        {
            var key = context.User.FindFirstValue(ApiKeyAuthenticationHandler.FingerprintClaim) ?? "anonymous";
            var perMinute = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().CurrentValue.RequestsPerMinutePerKey;
            return RateLimitPartition.GetTokenBucketLimiter(key, _ => BucketFor(perMinute));
        });
    }

    /// <summary>
    /// A full minute's allowance as the burst, refilled evenly: every second above 60 a minute, otherwise one
    /// token every 60/perMinute seconds, so a small limit really is that many requests a minute.
    /// </summary>
    public static TokenBucketRateLimiterOptions BucketFor(int perMinute)
    {
        perMinute = Math.Max(1, perMinute);
        var everySecond = perMinute >= 60;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = everySecond ? perMinute / 60 : 1,
            ReplenishmentPeriod = everySecond ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1) / perMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}

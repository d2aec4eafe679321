using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Rainforest.Api.Security;

/// <summary>A token bucket per API key, so one runaway script cannot starve the other clients.</summary>
public static class ApiRateLimiting
{
    public const string PolicyName = "PerApiKey";

    public static void Configure(RateLimiterOptions options)
    {
        options.OnRejected = (context, _) => new ValueTask(ApiProblems.Write(context.HttpContext,
            StatusCodes.Status429TooManyRequests, "Too many requests", "This API key has used its share; retry shortly."));
        options.AddPolicy(PolicyName, context =>
        {
            var key = context.User.FindFirstValue(ApiKeyAuthenticationHandler.FingerprintClaim) ?? "anonymous";
            var perMinute = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().CurrentValue.RequestsPerMinutePerKey;
            return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute,
                TokensPerPeriod = Math.Max(1, perMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }
}

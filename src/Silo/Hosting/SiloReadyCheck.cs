using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Rainforest.Silo.Hosting;

/// <summary>Ready = this silo is an active member of the cluster and, when configured, Redis answers.</summary>
public sealed class SiloReadyCheck(ISiloStatusOracle membership, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (membership.CurrentStatus != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"silo is {membership.CurrentStatus}");
        }
        var redis = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            try
            {
                await RedisConnections.Shared(redis).GetDatabase().PingAsync();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer", ex);
            }
        }
        return HealthCheckResult.Healthy();
    }
}

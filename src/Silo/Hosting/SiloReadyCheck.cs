using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Rainforest.Silo.Hosting;

/// <summary>Ready = this silo is an active member of the cluster (with Redis, <see cref="RedisReadyCheck"/> must pass too).</summary>
public sealed class SiloReadyCheck(ISiloStatusOracle membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"silo is {membership.CurrentStatus}"));
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Rainforest.Gateway.Hosting;

/// <summary>The standalone gateway is ready when the cluster answers it: at least one active silo, asked now.</summary>
public sealed class GatewayReadyCheck(IClusterClient client) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silos = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
            return silos.Count > 0
                ? HealthCheckResult.Healthy($"{silos.Count} active silos")
                : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason only: while the gateway looks for silos this is logged at every probe.
            return HealthCheckResult.Unhealthy($"the cluster does not answer ({ex.GetType().Name})");
        }
    }
}

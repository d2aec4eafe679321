using Microsoft.Extensions.Diagnostics.HealthChecks;
using Rainforest.Domain.Descriptors;
using Rainforest.Eagle.Connections;

namespace Rainforest.Silo.Hosting;

/// <summary>
/// Degraded (still ready: every user is still served, some more slowly or refused with a reason) while a share of
/// the descriptor budget is spent: every hour file it may hold is held and more users write per line, or every
/// gateway connection is open.
/// </summary>
public sealed class DescriptorBudgetCheck(DescriptorBudget budget, RelayConnectionGate relay) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var files = budget.HourFiles;
        var connections = budget.Connections;
        var data = new Dictionary<string, object>
        {
            ["limit"] = budget.Plan.Limit,
            ["hour_files_held"] = files.InUse,
            ["hour_files_capacity"] = files.Capacity,
            ["hour_files_per_line"] = files.Refused,
            ["gateway_connections_open"] = connections.InUse,
            ["gateway_connections_capacity"] = connections.Capacity,
            ["gateway_connections_refused"] = connections.Refused + relay.Refused,
        };
        var filesSpent = files.InUse >= files.Capacity && files.Refused > 0;
        var connectionsSpent = connections.InUse >= connections.Capacity || relay.InUse >= relay.Capacity;
        return Task.FromResult(filesSpent || connectionsSpent
            ? HealthCheckResult.Degraded(
                $"descriptor budget spent: hour files {files.InUse}/{files.Capacity} held, gateway connections {connections.InUse}/{connections.Capacity}", data: data)
            : HealthCheckResult.Healthy(data: data));
    }
}

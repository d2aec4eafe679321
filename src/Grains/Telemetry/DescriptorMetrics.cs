using System.Diagnostics.Metrics;
using Rainforest.Domain.Descriptors;
using Rainforest.Eagle.Connections;

namespace Rainforest.Grains.Telemetry;

/// <summary>
/// The descriptor budget as gauges (meter <c>Rainforest.Polling</c>): what each share holds, its capacity, and how
/// often it was found spent. Observed only when scraped, so they cost nothing while nobody looks.
/// </summary>
public sealed class DescriptorMetrics
{
    public DescriptorMetrics(IMeterFactory meters, DescriptorBudget budget, RelayConnectionGate relay)
    {
        var meter = meters.Create(PollingMetrics.MeterName);
        var plan = budget.Plan;
        meter.CreateObservableGauge("rainforest.descriptors.limit", () => plan.Limit, description: "The soft open-file limit (ulimit -n)");
        meter.CreateObservableGauge("rainforest.descriptors.open", DescriptorLimit.OpenNow, description: "Descriptors open in the process");
        meter.CreateObservableGauge("rainforest.hour_files.held", () => budget.HourFiles.InUse, description: "Hour files kept open between lines");
        meter.CreateObservableGauge("rainforest.hour_files.capacity", () => budget.HourFiles.Capacity,
            description: "Hour files the descriptor budget lets the silo keep open; beyond it files are opened per line");
        meter.CreateObservableCounter("rainforest.hour_files.per_line", () => budget.HourFiles.Refused,
            description: "Hour files opened per line because the hour-file share was spent");
        meter.CreateObservableGauge("rainforest.gateway_connections.open", () => budget.Connections.InUse,
            description: "Open connections to the relay and local gateways");
        meter.CreateObservableGauge("rainforest.gateway_connections.capacity", () => budget.Connections.Capacity,
            description: "Gateway connections the descriptor budget allows");
        meter.CreateObservableCounter("rainforest.gateway_connections.refused", () => budget.Connections.Refused + relay.Refused,
            description: "Polls refused (connections_busy) because every gateway connection was busy");
    }
}

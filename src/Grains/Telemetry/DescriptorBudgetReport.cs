using Microsoft.Extensions.Hosting;
using Rainforest.Domain.Descriptors;
using Rainforest.Domain.HourFiles;
using Rainforest.Eagle;
using Rainforest.Eagle.Connections;

namespace Rainforest.Grains.Telemetry;

/// <summary>
/// Makes the descriptor budget at start (a limit too small for it stops the start with the reason), says how it is
/// split, and says once a minute — only while it happens — that a share was found spent, so a silo beyond its
/// budget is visible in its log as well as in its metrics and health.
/// </summary>
public sealed partial class DescriptorBudgetReport(
    DescriptorBudget budget,
    RelayConnectionGate relay,
    DescriptorMetrics metrics,
    IOptions<LogsOptions> logs,
    IOptions<EagleRelayOptions> relayOptions,
    TimeProvider time,
    ILogger<DescriptorBudgetReport> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private ITimer? _timer;
    private long _perLineSeen, _refusedSeen;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The gauges are made with the report, so they exist from the start (nothing else asks for them).
        _ = metrics;
        var plan = budget.Plan;
        LogPlan(logger, plan.Limit, plan.OpenAtStart, plan.Reserve, plan.HourFiles, plan.Connections, relay.Capacity, plan.TransientFiles);
        if (logs.Value.MaxOpenFiles > plan.HourFiles) LogLowered(logger, "Rainforest:Logs:MaxOpenFiles", logs.Value.MaxOpenFiles.Value, plan.HourFiles);
        if (relayOptions.Value.MaxConnectionsPerServer > relay.Capacity)
        {
            LogLowered(logger, "Rainforest:Eagle:MaxConnectionsPerServer", relayOptions.Value.MaxConnectionsPerServer, relay.Capacity);
        }
        _timer = time.CreateTimer(_ => Check(), null, Every, Every);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    private void Check()
    {
        var perLine = budget.HourFiles.Refused;
        var refused = budget.Connections.Refused + relay.Refused;
        if (perLine == _perLineSeen && refused == _refusedSeen) return;
        LogSpent(logger, budget.HourFiles.InUse, budget.HourFiles.Capacity, perLine - _perLineSeen,
            budget.Connections.InUse, budget.Connections.Capacity, refused - _refusedSeen);
        (_perLineSeen, _refusedSeen) = (perLine, refused);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Descriptor budget: limit {Limit}, {OpenAtStart} open at start, reserve {Reserve}: " +
        "{HourFiles} hour files held open, {Connections} gateway connections ({RelayConnections} to the relay), {TransientFiles} for files opened per line")]
    private static partial void LogPlan(ILogger logger, long limit, int openAtStart, int reserve, int hourFiles, int connections, int relayConnections, int transientFiles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} is {Configured}, more than the descriptor budget allows; using {Used}")]
    private static partial void LogLowered(ILogger logger, string key, int configured, int used);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Descriptor budget spent (degraded): hour files {HeldFiles}/{FileCapacity} held, " +
        "{PerLine} more opened per line; gateway connections {OpenConnections}/{ConnectionCapacity}, {Refused} polls refused as connections_busy in the last minute")]
    private static partial void LogSpent(ILogger logger, int heldFiles, int fileCapacity, long perLine, int openConnections, int connectionCapacity, long refused);
}

using Rainforest.Archive.Status;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Rotation;

namespace Rainforest.Archive.Shipping;

/// <summary>
/// When this silo ships: a pass at start (crash leftovers), ShipDelay after each hour, at least every
/// RescanInterval, whenever a file's retry or the archive circuit is due, and a last pass at silo stop
/// (partial hours included). The status report runs beside it.
/// </summary>
public sealed partial class ShippingSchedule(
    HourShipper shipper,
    ShippingBacklog backlog,
    ArchiveCircuit circuit,
    ShippingStatusReport status,
    ClusterPeers peers,
    LogDirectoryScanner scanner,
    HourArchiver archiver,
    IOptions<ArchiveOptions> options,
    TimeProvider time,
    ILogger<ShippingSchedule> logger) : IDisposable
{
    private static readonly TimeSpan NeverSpin = TimeSpan.FromSeconds(1);
    private readonly ArchiveOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private Task _passes = Task.CompletedTask;
    private Task _reports = Task.CompletedTask;
    private bool _started;

    public void Start()
    {
        LogStarting(scanner.LogsDirectory, archiver.Target, _options.ShipDelay);
        _started = true;
        _passes = Task.Run(() => RunAsync(_stopping.Token));
        _reports = Task.Run(() => status.RunAsync(_stopping.Token));
    }

    /// <summary>
    /// Stops the schedule and ships every hour file, the current hour's partial files included (the user
    /// grains have closed them). Bounded by ShutdownTimeout; what is left stays on disk for the next start.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started) return;
        await _stopping.CancelAsync();
        await Task.WhenAll(_passes, _reports);

        using var bounded = new CancellationTokenSource(_options.ShutdownTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(bounded.Token, cancellationToken);
        try
        {
            var summary = await shipper.ShipAsync(includeCurrentHour: true, linked.Token);
            LogStopped(summary.Shipped, summary.Backlog);
        }
        catch (OperationCanceledException)
        {
            LogStopTimedOut(_options.ShutdownTimeout, backlog.Count);
        }

        // The status grain lives on the silos that stay; with none left there is no one to tell.
        if (peers.AnotherSiloIsActive()) await status.SendQuietlyAsync();
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await shipper.ShipAsync(includeCurrentHour: false, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A pass must never end the schedule: what it could not do, the next pass retries.
                LogPassFailed(e);
            }

            try
            {
                await Task.Delay(NextWakeUp(time.GetUtcNow()), time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TimeSpan NextWakeUp(DateTimeOffset now)
    {
        var hourly = HourStamp.StartOfHour(now) + _options.ShipDelay;
        if (hourly <= now) hourly = hourly.AddHours(1);

        var next = hourly;
        var rescan = backlog.LastScanAt + _options.RescanInterval;
        if (rescan < next) next = rescan;

        if (backlog.NextAttemptAt() is { } retry)
        {
            var circuitCloses = circuit.OpenUntil;
            if (retry < circuitCloses) retry = circuitCloses;
            if (retry < next) next = retry;
        }

        var delay = next - now;
        return delay > TimeSpan.Zero ? delay : NeverSpin;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping finished hours from {LogsDirectory} to {Target}, {ShipDelay} after each hour")]
    private partial void LogStarting(string logsDirectory, string target, TimeSpan shipDelay);

    [LoggerMessage(Level = LogLevel.Error, Message = "A shipping pass failed unexpectedly; the next pass retries")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo stop: {Shipped} hour files shipped, {Left} left on disk for the next start")]
    private partial void LogStopped(int shipped, int left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo stop: shipping stopped after {Timeout}; {Left} hour files stay on disk for the next start")]
    private partial void LogStopTimedOut(TimeSpan timeout, int left);
}

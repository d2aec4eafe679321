using Rainforest.Archive.Status;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Rotation;

namespace Rainforest.Archive.Shipping;

/// <summary>
/// One shipping pass over this silo's logs directory: scan it, take the finished hour files into the backlog,
/// ship every file whose attempt is due (MaxParallelShipments at a time), and remove emptied hour folders.
/// Passes never overlap. While the archive circuit is open, a pass only scans.
/// </summary>
public sealed partial class HourShipper(
    LogDirectoryScanner scanner,
    ShippingBacklog backlog,
    HourShipment shipment,
    ArchiveCircuit circuit,
    ShippingStatusReport status,
    ArchiveHealth health,
    HourArchiver archiver,
    IOptions<ArchiveOptions> options,
    TimeProvider time,
    ILogger<HourShipper> logger) : IDisposable
{
    private readonly SemaphoreSlim _passGate = new(1, 1);

    /// <param name="includeCurrentHour">The stop pass: every file, the current hour's included, circuit or not.</param>
    public async Task<ShipPassSummary> ShipAsync(bool includeCurrentHour, CancellationToken cancellationToken)
    {
        await _passGate.WaitAsync(cancellationToken);
        try
        {
            return await PassAsync(includeCurrentHour, cancellationToken);
        }
        finally
        {
            _passGate.Release();
        }
    }

    public void Dispose() => _passGate.Dispose();

    private async Task<ShipPassSummary> PassAsync(bool includeCurrentHour, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        LogScan scan;
        try
        {
            scan = scanner.Scan(now, includeCurrentHour);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            health.Failure(ArchiveErrorKind.LocalFile, e.GetType().Name, $"Scanning {scanner.LogsDirectory} failed: {e.Message}", archiver.Target);
            return ShipPassSummary.Nothing with { Backlog = backlog.Count };
        }
        backlog.Refresh(scan, now);

        if (!includeCurrentHour && circuit.IsOpen)
        {
            return new ShipPassSummary(scan.Ready.Count, 0, 0, 0, backlog.Count);
        }

        int shipped = 0, failed = 0, attempted = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelShipments, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(backlog.Due(now, everything: includeCurrentHour), parallel, async (pending, token) =>
        {
            // The archive as a whole went down meanwhile: the other files wait for the circuit instead of each failing now.
            if (!includeCurrentHour && circuit.IsOpen) return;
            var outcome = await shipment.ShipAsync(pending, includeCurrentHour, token);
            if (outcome == ShipOutcome.Skipped) return;
            Interlocked.Increment(ref attempted);
            if (outcome == ShipOutcome.Shipped) Interlocked.Increment(ref shipped);
            if (outcome == ShipOutcome.Failed) Interlocked.Increment(ref failed);
        });

        foreach (var folder in scan.ReadyHourFolders) scanner.TryRemoveEmptyFolder(folder);

        var summary = new ShipPassSummary(scan.Ready.Count, attempted, shipped, failed, backlog.Count);
        if (summary.Attempted > 0)
        {
            LogPass(summary.Found, summary.Shipped, summary.Failed, summary.Backlog);
            // The status shows the outcome now rather than at the next report.
            _ = status.SendQuietlyAsync();
        }
        return summary;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping pass: {Found} hour files found, {Shipped} shipped, {Failed} failed, {Backlog} waiting")]
    private partial void LogPass(int found, int shipped, int failed, int backlog);
}

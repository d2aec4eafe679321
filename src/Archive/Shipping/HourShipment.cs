using Rainforest.Archive.Rotation;
using Rainforest.Archive.Telemetry;
namespace Rainforest.Archive.Shipping;

/// <summary>
/// Ships one hour file: reads its valid lines, merges them into the hour's archive object through the hour's
/// archive grain, and deletes the file only once the merge is confirmed and the file did not change meanwhile.
/// </summary>
public sealed partial class HourShipment(
    IGrainFactory grains,
    HourArchiver archiver,
    ClusterPeers peers,
    ArchiveCircuit circuit,
    ShippingBacklog backlog,
    ArchiveHealth health,
    ArchiveMetrics metrics,
    ILogger<HourShipment> logger)
{
    /// <param name="shuttingDown">The stop pass: the circuit is not consulted, and the last silo merges in-process.</param>
    public async Task<ShipOutcome> ShipAsync(PendingHourFile pending, bool shuttingDown, CancellationToken cancellationToken)
    {
        var file = pending.File;
        if (pending.Attempts > 0) metrics.Retried();

        HourFileSnapshot snapshot;
        try
        {
            snapshot = await HourFileReader.ReadAsync(file.Path, file.Kind, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            backlog.Remove(file);
            return ShipOutcome.Gone;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(pending, ArchiveErrorKind.LocalFile, e.GetType().Name, $"Reading {file.Path} failed: {e.Message}");
        }

        ReportDropsOnce(pending, snapshot);

        if (snapshot.Part.LineCount > 0)
        {
            var result = await circuit.CallAsync(token => MergeAsync(file, snapshot.Part, shuttingDown, token), shuttingDown, cancellationToken);
            if (result is null) return ShipOutcome.Skipped;
            if (!result.Confirmed) return Fail(pending, result.ErrorKind, result.ErrorCode, result.Error ?? "unknown failure");

            health.Shipped();
            LogShipped(file.Path, snapshot.Part.LineCount, result.AddedLines, result.ObjectLines);
        }

        // Delete only what was confirmed: a file that changed after it was read is shipped again.
        if (!HourFileReader.IsUnchanged(file.Path, snapshot))
        {
            LogChangedAfterRead(file.Path);
            backlog.RetrySoon(pending);
            return ShipOutcome.Shipped;
        }

        try
        {
            File.Delete(file.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(pending, ArchiveErrorKind.LocalFile, e.GetType().Name, $"Deleting the shipped {file.Path} failed: {e.Message}");
        }

        backlog.Remove(file);
        return ShipOutcome.Shipped;
    }

    private async Task<HourMergeResult> MergeAsync(HourFile file, HourPart part, bool shuttingDown, CancellationToken cancellationToken)
    {
        try
        {
            // When this silo is the last one standing, no grain can be activated anywhere: merge in-process,
            // still conditionally, rather than leave the partial hour behind.
            if (shuttingDown && !peers.AnotherSiloIsActive())
            {
                LogMergingInProcess(file.Path);
                return await archiver.MergeAsync(file.CloudId, file.Hour, file.Kind, part, new HourWriteMemory(), cancellationToken);
            }
            return await grains.HourArchive(file.CloudId, file.Hour, file.Kind).MergeAsync(part);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return HourMergeResult.Failed(ArchiveErrorKind.Cluster, e.GetType().Name,
                $"Calling the archive grain for {file.CloudId}/{HourStamp.Of(file.Hour)} failed: {e.Message}");
        }
    }

    private void ReportDropsOnce(PendingHourFile pending, HourFileSnapshot snapshot)
    {
        if (pending.DropsReported || (snapshot.TornBytes == 0 && snapshot.InvalidLines == 0)) return;
        pending.DropsReported = true;
        if (snapshot.TornBytes > 0)
        {
            metrics.Dropped(1, "torn");
            LogTornLine(pending.File.Path, snapshot.TornBytes);
        }
        if (snapshot.InvalidLines > 0)
        {
            metrics.Dropped(snapshot.InvalidLines, "invalid");
            LogInvalidLines(pending.File.Path, snapshot.InvalidLines, snapshot.InvalidSample);
        }
    }

    private ShipOutcome Fail(PendingHourFile pending, ArchiveErrorKind kind, string? code, string error)
    {
        health.Failure(kind, code, error, archiver.Target);
        backlog.RetryLater(pending);
        return ShipOutcome.Failed;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shipped {Path}: {Lines} lines, {Added} new, object now {ObjectLines} lines")]
    private partial void LogShipped(string path, int lines, int added, int objectLines);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} ends in a torn line ({Bytes} bytes without a newline, a crash mid-write); that line is dropped, the rest shipped")]
    private partial void LogTornLine(string path, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} has {Count} line(s) that are not valid records (first: {Sample}); they are dropped, the rest shipped")]
    private partial void LogInvalidLines(string path, int count, string? sample);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} changed after it was read for shipping; it is kept and shipped again")]
    private partial void LogChangedAfterRead(string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No other silo is active: {Path} is merged into the archive by this stopping silo itself")]
    private partial void LogMergingInProcess(string path);
}

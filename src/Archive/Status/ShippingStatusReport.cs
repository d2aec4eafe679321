using Rainforest.Archive.Shipping;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Rotation;

namespace Rainforest.Archive.Status;

/// <summary>
/// This silo's shipping status (backlog, health, foreign entries) and its reports to the cluster-wide
/// archive status grain: every StatusReportInterval, and at once after a pass that shipped or failed.
/// </summary>
public sealed partial class ShippingStatusReport(
    IGrainFactory grains,
    ClusterPeers peers,
    ShippingBacklog backlog,
    ArchiveHealth health,
    HourArchiver archiver,
    LogDirectoryScanner scanner,
    IOptions<ArchiveOptions> options,
    TimeProvider time,
    ILogger<ShippingStatusReport> logger)
{
    public SiloArchiveStatus Current()
    {
        var waiting = backlog.Summary();
        var now = health.Snapshot();
        return new SiloArchiveStatus(
            peers.Local.ToString(),
            archiver.Target,
            waiting.Files,
            waiting.OldestHour,
            waiting.OldestAge,
            now.HoursShipped,
            now.LastSuccessAt,
            now.LastErrorKind,
            now.LastError,
            now.LastErrorAt,
            now.Failing,
            backlog.ForeignEntries,
            time.GetUtcNow(),
            Environment.MachineName,
            scanner.LogsDirectory);
    }

    /// <summary>Sends this silo's status to the archive status grain.</summary>
    public Task SendAsync() => grains.ArchiveStatus().ReportAsync(Current());

    /// <summary>Sends the status; a failure only costs this one report.</summary>
    public async Task SendQuietlyAsync()
    {
        try
        {
            await SendAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReportFailed(e.Message);
        }
    }

    /// <summary>Reports every StatusReportInterval until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.StatusReportInterval, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await SendQuietlyAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reporting the archive status failed: {Error}")]
    private partial void LogReportFailed(string error);
}

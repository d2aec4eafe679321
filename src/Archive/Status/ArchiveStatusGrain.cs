namespace Rainforest.Archive.Status;

/// <summary>
/// The cluster-wide archive status: the last report of each shipper (one per host and logs directory,
/// so a restarted silo replaces its old report). In memory only; reports refill it within seconds.
/// </summary>
public sealed class ArchiveStatusGrain(TimeProvider time) : Grain, IArchiveStatusGrain
{
    // A shipper silent this long is gone for good (its host was retired); its report is dropped.
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    private readonly Dictionary<string, SiloArchiveStatus> _shippers = new(StringComparer.Ordinal);

    Task IArchiveStatusGrain.ReportAsync(SiloArchiveStatus status)
    {
        var key = status.Host + "|" + status.LogsDirectory;
        if (!_shippers.TryGetValue(key, out var previous) || previous.ReportedAt <= status.ReportedAt) _shippers[key] = status;
        return Task.CompletedTask;
    }

    Task<ArchiveStatus> IArchiveStatusGrain.GetAsync()
    {
        var now = time.GetUtcNow();
        foreach (var (key, report) in _shippers.Where(kv => now - kv.Value.ReportedAt > ForgetAfter).ToList())
        {
            _shippers.Remove(key);
        }

        var silos = _shippers.Values.OrderBy(s => s.Host, StringComparer.Ordinal).ThenBy(s => s.LogsDirectory, StringComparer.Ordinal).ToList();
        var oldest = silos.Where(s => s.OldestBacklogHour is not null).Select(s => now - s.OldestBacklogHour!.Value.AddHours(1)).DefaultIfEmpty().Max();
        return Task.FromResult(new ArchiveStatus(
            silos,
            silos.Sum(s => s.BacklogFiles),
            silos.Any(s => s.OldestBacklogHour is not null) ? (oldest < TimeSpan.Zero ? TimeSpan.Zero : oldest) : null,
            silos.Sum(s => s.HoursShipped),
            silos.Any(s => s.Failing),
            now));
    }
}

using System.Collections.Concurrent;
using Rainforest.Domain.Resilience;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Telemetry;

namespace Rainforest.Archive.Shipping;

/// <summary>
/// The finished hour files on this silo's disk not yet confirmed in the archive, each with its own next
/// attempt: due at once when found, then after <see cref="Backoff"/> for every failed attempt.
/// </summary>
public sealed class ShippingBacklog
{
    private readonly ConcurrentDictionary<string, PendingHourFile> _pending = new(StringComparer.Ordinal);
    private readonly ArchiveOptions _options;
    private readonly TimeProvider _time;

    public ShippingBacklog(IOptions<ArchiveOptions> options, TimeProvider time, ArchiveMetrics metrics)
    {
        _options = options.Value;
        _time = time;
        metrics.ObserveBacklog(Summary);
    }

    public int Count => _pending.Count;

    /// <summary>When the last scan that succeeded ran.</summary>
    public DateTimeOffset LastScanAt { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Entries in the logs directory the last scan found not to be ours.</summary>
    public int ForeignEntries { get; private set; }

    /// <summary>Takes in a scan: new files are due now; a file the scan no longer lists is gone.</summary>
    public void Refresh(LogScan scan, DateTimeOffset now)
    {
        LastScanAt = now;
        ForeignEntries = scan.ForeignEntries;
        var ready = new HashSet<string>(scan.Ready.Count, StringComparer.Ordinal);
        foreach (var file in scan.Ready)
        {
            ready.Add(file.Path);
            _pending.TryAdd(file.Path, new PendingHourFile(file, now));
        }
        foreach (var path in _pending.Keys)
        {
            if (!ready.Contains(path)) _pending.TryRemove(path, out _);
        }
    }

    /// <summary>The files whose attempt is due (all of them when <paramref name="everything"/>), oldest hour first.</summary>
    public IReadOnlyList<PendingHourFile> Due(DateTimeOffset now, bool everything) =>
        _pending.Values
            .Where(p => everything || p.NextAttemptAt <= now)
            .OrderBy(p => p.File.Hour).ThenBy(p => p.File.Path, StringComparer.Ordinal)
            .ToList();

    /// <summary>The earliest next attempt, or null when nothing waits.</summary>
    public DateTimeOffset? NextAttemptAt() => _pending.IsEmpty ? null : _pending.Values.Min(p => p.NextAttemptAt);

    /// <summary>The file is confirmed and deleted, or no longer there.</summary>
    public void Remove(HourFile file) => _pending.TryRemove(file.Path, out _);

    /// <summary>An attempt failed: the next one waits longer with every failure.</summary>
    public void RetryLater(PendingHourFile pending)
    {
        pending.Attempts++;
        pending.NextAttemptAt = _time.GetUtcNow() + Backoff.After(pending.Attempts, _options.RetryInitialDelay, _options.RetryMaxDelay);
    }

    /// <summary>The file changed after it was read: ship it again at the next pass.</summary>
    public void RetrySoon(PendingHourFile pending) => pending.NextAttemptAt = _time.GetUtcNow();

    /// <summary>How many files wait, and the age of the oldest hour.</summary>
    public ArchiveBacklog Summary()
    {
        var count = 0;
        DateTimeOffset? oldest = null;
        foreach (var pending in _pending.Values)
        {
            count++;
            if (oldest is null || pending.File.Hour < oldest) oldest = pending.File.Hour;
        }
        var age = oldest is null ? (TimeSpan?)null : _time.GetUtcNow() - oldest.Value.AddHours(1);
        return new ArchiveBacklog(count, oldest, age < TimeSpan.Zero ? TimeSpan.Zero : age);
    }
}

using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Stores;
using Rainforest.Domain.Readings;

namespace Rainforest.Archive.Readings;

/// <summary>
/// A user's logged demand readings in a range: for each UTC hour, the archived object and every part of the hour
/// not shipped yet (<see cref="IUnshippedHours"/>), merged, filtered by the gateway's TimeStamp, sorted by it, each
/// line once. An hour file is chosen by the poll's UTC hour but sorted by the gateway's clock, so a reading near the
/// top of an hour can sit in the neighbouring hour's file: the hour before and after the range are read too, and a
/// reading is given out only once the next hour's file is read. At most two hours are held, whatever the range.
/// </summary>
public sealed class UserReadings(IArchiveStore store, IOptions<ArchiveOptions> archive, IUnshippedHours unshipped)
{
    /// <summary>The longest range one request may ask for.</summary>
    public static readonly TimeSpan LongestRange = TimeSpan.FromDays(31);

    /// <summary>How far a gateway's clock may be from the poll's UTC hour and its readings still come out in order.</summary>
    public static readonly TimeSpan LargestClockSkew = TimeSpan.FromHours(1);

    /// <summary>The start of every UTC hour that overlaps [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IEnumerable<DateTimeOffset> HoursOf(DateTimeOffset from, DateTimeOffset to)
    {
        for (var hour = HourStamp.StartOfHour(from); hour < to; hour = hour.AddHours(1)) yield return hour;
    }

    /// <summary>
    /// The readings whose gateway time is in [<paramref name="from"/>, <paramref name="to"/>), in order, in batches of at
    /// most two hours (the last one possibly empty, so there is always one). Throws <see cref="ArchiveStoreException"/> or
    /// <see cref="UnshippedHoursUnavailableException"/> when part of the range cannot be read, never a shortened answer.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<LoggedReading>> ReadAsync(string cloudId, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Readings read but not given out yet: the tail of the previous hour's file and this one's, sorted.
        var held = new List<LoggedReading>();
        var heldLines = new HashSet<string>(StringComparer.Ordinal);
        var firstFile = HourStamp.StartOfHour(from - LargestClockSkew);
        var lastFile = HourStamp.StartOfHour(to.AddTicks(-1) + LargestClockSkew);
        for (var file = firstFile; file <= lastFile; file = file.AddHours(1))
        {
            var fresh = await ReadHourAsync(cloudId, file, from, to, cancellationToken);
            var added = false;
            foreach (var reading in fresh)
            {
                if (!heldLines.Add(reading.Line)) continue;
                held.Add(reading);
                added = true;
            }
            // Stable, so equal timestamps keep the order they were logged in.
            if (added) held = [.. held.OrderBy(r => r.Reading.TimeStamp)];

            // Files still to come were polled from the next hour on: they hold nothing earlier than this hour.
            var settled = file + TimeSpan.FromHours(1) - LargestClockSkew;
            var count = file == lastFile ? held.Count : held.FindIndex(r => r.Reading.Time >= settled) is var i and >= 0 ? i : held.Count;
            var batch = held.GetRange(0, count);
            held.RemoveRange(0, count);
            foreach (var reading in batch) heldLines.Remove(reading.Line);
            if (batch.Count > 0 || file == lastFile) yield return batch;
        }
    }

    /// <summary>
    /// The readings of one hour's file (archived and not shipped yet) whose gateway time is in
    /// [<paramref name="from"/>, <paramref name="to"/>), sorted, each line once.
    /// </summary>
    public async Task<IReadOnlyList<LoggedReading>> ReadHourAsync(string cloudId, DateTimeOffset hourUtc,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // The unshipped parts first: if one is shipped and deleted meanwhile, the archive read that follows holds it.
        var parts = await unshipped.ReadAsync(cloudId, hourUtc, cancellationToken);
        var stored = await store.ReadAsync(HourFileLayout.ObjectKey(archive.Value.Prefix, cloudId, hourUtc), cancellationToken);
        var archived = stored is null ? [] : Decompress(stored.Content, cloudId, hourUtc);
        return Merge([Lines(archived), .. parts.Select(Lines)], from, to);
    }

    /// <summary>Lines of several sources as one: decodable demand lines in range, each text once, by gateway time.</summary>
    public static IReadOnlyList<LoggedReading> Merge(IEnumerable<IEnumerable<string>> sources, DateTimeOffset from, DateTimeOffset to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var readings = new List<LoggedReading>();
        foreach (var line in sources.SelectMany(s => s))
        {
            if (!seen.Add(line)) continue;
            if (!DemandReading.TryRead(Encoding.UTF8.GetBytes(line), out var reading)) continue;
            var time = reading.Time;
            if (time < from || time >= to) continue;
            readings.Add(new LoggedReading(line, reading));
        }
        // Stable, so equal timestamps keep the order they were logged in.
        return readings.OrderBy(r => r.Reading.TimeStamp).ToList();
    }

    private static IEnumerable<string> Lines(byte[] content) => content.Length == 0
        ? []
        : Encoding.UTF8.GetString(content).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);

    private static byte[] Decompress(byte[] content, string cloudId, DateTimeOffset hourUtc)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            using var lines = new MemoryStream();
            gzip.CopyTo(lines);
            return lines.ToArray();
        }
        catch (InvalidDataException e)
        {
            // A damaged object is an hour we cannot give; answering without it would be a shortened answer.
            throw new ArchiveStoreException(ArchiveErrorKind.Permanent, "UnreadableObject",
                $"The archived hour {HourStamp.Of(hourUtc)} of {cloudId} is not valid gzip: {e.Message}", e);
        }
    }
}

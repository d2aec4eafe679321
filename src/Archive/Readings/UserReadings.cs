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
        // Readings read but not given out yet: the tail of the previous hour's file and this one's, sorted, each line once.
        var held = new List<LoggedReading>();
        var firstFile = HourStamp.StartOfHour(from - LargestClockSkew);
        var lastFile = HourStamp.StartOfHour(to.AddTicks(-1) + LargestClockSkew);
        for (var file = firstFile; file <= lastFile; file = file.AddHours(1))
        {
            var fresh = await ReadHourAsync(cloudId, file, from, to, cancellationToken);
            if (fresh.Count > 0) held = held.Count == 0 ? [.. fresh] : SortedOnce(held.Concat(fresh));

            // Files still to come were polled from the next hour on: they hold nothing stamped earlier than this.
            var settled = FirstTimeStampAtOrAfter(file + TimeSpan.FromHours(1) - LargestClockSkew);
            var count = file == lastFile ? held.Count : held.FindIndex(r => r.Reading.TimeStamp >= settled) is var i and >= 0 ? i : held.Count;
            if (count == 0 && file != lastFile) continue;
            var batch = held.GetRange(0, count);
            held.RemoveRange(0, count);
            yield return batch;
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
        var archived = stored is null ? ReadOnlyMemory<byte>.Empty : Decompress(stored.Content, cloudId, hourUtc);
        return Merge([archived, .. parts.Select(p => (ReadOnlyMemory<byte>)p)], from, to);
    }

    /// <summary>Lines of several sources as one: decodable demand lines in range, each text once, by gateway time.</summary>
    public static List<LoggedReading> Merge(IEnumerable<ReadOnlyMemory<byte>> sources, DateTimeOffset from, DateTimeOffset to)
    {
        var first = FirstTimeStampAtOrAfter(from);
        var end = FirstTimeStampAtOrAfter(to);
        var readings = new List<LoggedReading>();
        foreach (var source in sources)
        {
            var rest = source.Span;
            while (!rest.IsEmpty)
            {
                var newline = rest.IndexOf((byte)'\n');
                var line = newline < 0 ? rest : rest[..newline];
                rest = newline < 0 ? [] : rest[(newline + 1)..];
                if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
                // Decoded straight from the bytes, and turned into text only when in range: most of a long read is kept,
                // but an hour read for its neighbours' sake is mostly not.
                if (line.IsEmpty || !DemandReading.TryRead(line, out var reading)) continue;
                if (reading.TimeStamp < first || reading.TimeStamp >= end) continue;
                readings.Add(new LoggedReading(Encoding.UTF8.GetString(line), reading));
            }
        }
        return SortedOnce(readings);
    }

    /// <summary>The smallest gateway TimeStamp whose time is at or after <paramref name="time"/> (0 before the gateway's epoch).</summary>
    private static ulong FirstTimeStampAtOrAfter(DateTimeOffset time)
    {
        var ticks = (time - GatewayDemand.Epoch).Ticks;
        return ticks <= 0 ? 0 : (ulong)((ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
    }

    /// <summary>By gateway time, equal times in the order given (as logged), each line text once.</summary>
    private static List<LoggedReading> SortedOnce(IEnumerable<LoggedReading> readings)
    {
        var sorted = new List<LoggedReading>();
        var sameTime = 0; // where the run of readings with the last one's TimeStamp starts
        foreach (var reading in readings.OrderBy(r => r.Reading.TimeStamp))
        {
            if (sorted.Count > 0 && sorted[^1].Reading.TimeStamp != reading.Reading.TimeStamp) sameTime = sorted.Count;
            // A duplicate has the same TimeStamp, so only that short run needs comparing.
            var duplicate = false;
            for (var i = sameTime; i < sorted.Count && !duplicate; i++) duplicate = string.Equals(sorted[i].Line, reading.Line, StringComparison.Ordinal);
            if (!duplicate) sorted.Add(reading);
        }
        return sorted;
    }

    private static ReadOnlyMemory<byte> Decompress(byte[] content, string cloudId, DateTimeOffset hourUtc)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            // An hour is some 150 KB of text, roughly ten times its gzip.
            var lines = new MemoryStream(content.Length * 12);
            gzip.CopyTo(lines);
            return lines.GetBuffer().AsMemory(0, (int)lines.Length);
        }
        catch (InvalidDataException e)
        {
            // A damaged object is an hour we cannot give; answering without it would be a shortened answer.
            throw new ArchiveStoreException(ArchiveErrorKind.Permanent, "UnreadableObject",
                $"The archived hour {HourStamp.Of(hourUtc)} of {cloudId} is not valid gzip: {e.Message}", e);
        }
    }
}

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
    public IAsyncEnumerable<IReadOnlyList<LoggedReading>> ReadAsync(string cloudId, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken) => ReadAsync(cloudId, RecordKind.Demand, from, to, cancellationToken);

    /// <summary>The same for the hour files of <paramref name="kind"/>: demand, or a captured sibling (summation, price).</summary>
    public async IAsyncEnumerable<IReadOnlyList<LoggedReading>> ReadAsync(string cloudId, RecordKind kind, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Readings read but not given out yet: the tail of the previous hour's file and this one's, sorted, each line once.
        var held = new List<LoggedReading>();
        var firstFile = HourStamp.StartOfHour(from - LargestClockSkew);
        var lastFile = HourStamp.StartOfHour(to.AddTicks(-1) + LargestClockSkew);
        for (var file = firstFile; file <= lastFile; file = file.AddHours(1))
        {
            var fresh = await ReadHourAsync(cloudId, kind, file, from, to, cancellationToken);

            // Files still to come were polled from the next hour on: they hold nothing stamped earlier than this.
            var settled = file == lastFile ? ulong.MaxValue : FirstTimeStampAtOrAfter(file + TimeSpan.FromHours(1) - LargestClockSkew);
            var batch = new List<LoggedReading>(held.Count + fresh.Count);
            var later = new List<LoggedReading>(fresh.Count);
            MergeSorted([held, fresh], settled, batch, later);
            held = later;
            if (batch.Count > 0 || file == lastFile) yield return batch;
        }
    }

    /// <summary>
    /// The readings of one hour's file (archived and not shipped yet) whose gateway time is in
    /// [<paramref name="from"/>, <paramref name="to"/>), sorted, each line once.
    /// </summary>
    public Task<IReadOnlyList<LoggedReading>> ReadHourAsync(string cloudId, DateTimeOffset hourUtc,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ReadHourAsync(cloudId, RecordKind.Demand, hourUtc, from, to, cancellationToken);

    public async Task<IReadOnlyList<LoggedReading>> ReadHourAsync(string cloudId, RecordKind kind, DateTimeOffset hourUtc,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // The unshipped parts first: if one is shipped and deleted meanwhile, the archive read that follows holds it.
        var parts = await unshipped.ReadAsync(cloudId, hourUtc, kind, cancellationToken);
        var stored = await store.ReadAsync(HourFileLayout.ObjectKey(archive.Value.Prefix, cloudId, hourUtc, kind), cancellationToken);
        var archived = stored is null ? ReadOnlyMemory<byte>.Empty : Decompress(stored.Content, cloudId, hourUtc);
        return Merge([archived, .. parts.Select(p => (ReadOnlyMemory<byte>)p)], kind, from, to);
    }

    /// <summary>Lines of several sources as one: decodable demand lines in range, each text once, by gateway time.</summary>
    public static List<LoggedReading> Merge(IReadOnlyList<ReadOnlyMemory<byte>> sources, DateTimeOffset from, DateTimeOffset to) =>
        Merge(sources, RecordKind.Demand, from, to);

    /// <summary>The same for lines of <paramref name="kind"/>: only lines of its record format count.</summary>
    public static List<LoggedReading> Merge(IReadOnlyList<ReadOnlyMemory<byte>> sources, RecordKind kind, DateTimeOffset from, DateTimeOffset to)
    {
        var first = FirstTimeStampAtOrAfter(from);
        var end = FirstTimeStampAtOrAfter(to);
        var decoded = new List<List<LoggedReading>>(sources.Count);
        foreach (var source in sources)
        {
            // About 220 bytes a line: sized once rather than grown.
            var readings = new List<LoggedReading>(source.Length / 200 + 1);
            var rest = source.Span;
            var inOrder = true;
            while (!rest.IsEmpty)
            {
                var newline = rest.IndexOf((byte)'\n');
                var line = newline < 0 ? rest : rest[..newline];
                rest = newline < 0 ? [] : rest[(newline + 1)..];
                if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
                // Decoded straight from the bytes, and turned into text only when in range: most of a long read is kept,
                // but an hour read for its neighbours' sake is mostly not.
                if (line.IsEmpty || !TryRead(kind, line, out var reading, out var timeStamp)) continue;
                if (timeStamp < first || timeStamp >= end) continue;
                inOrder &= readings.Count == 0 || readings[^1].TimeStamp <= timeStamp;
                readings.Add(new LoggedReading(Encoding.UTF8.GetString(line), reading) { TimeStamp = timeStamp });
            }
            // A file is written in poll order, so this is nearly always sorted already; stable when it is not.
            decoded.Add(inOrder ? readings : [.. readings.OrderBy(r => r.TimeStamp)]);
        }
        var merged = new List<LoggedReading>(decoded.Sum(d => d.Count));
        MergeSorted(decoded, ulong.MaxValue, merged, merged);
        return merged;
    }

    /// <summary>
    /// Sorted lists as one sorted sequence, each line text once, equal TimeStamps in list order (as a stable sort of
    /// their concatenation would give): readings stamped before <paramref name="settled"/> go to
    /// <paramref name="before"/>, the rest to <paramref name="after"/>.
    /// </summary>
    private static void MergeSorted(IReadOnlyList<IReadOnlyList<LoggedReading>> sorted, ulong settled, List<LoggedReading> before, List<LoggedReading> after)
    {
        var next = new int[sorted.Count];
        while (true)
        {
            var pick = -1;
            for (var s = 0; s < sorted.Count; s++)
            {
                if (next[s] < sorted[s].Count && (pick < 0 || sorted[s][next[s]].TimeStamp < sorted[pick][next[pick]].TimeStamp)) pick = s;
            }
            if (pick < 0) return;
            var reading = sorted[pick][next[pick]++];
            var to = reading.TimeStamp < settled ? before : after;
            // A duplicate has the same TimeStamp, so only the run of that TimeStamp at the end needs comparing.
            var duplicate = false;
            for (var i = to.Count - 1; i >= 0 && to[i].TimeStamp == reading.TimeStamp && !duplicate; i--)
            {
                duplicate = string.Equals(to[i].Line, reading.Line, StringComparison.Ordinal);
            }
            if (!duplicate) to.Add(reading);
        }
    }

    private static bool TryRead(RecordKind kind, ReadOnlySpan<byte> line, out DemandReading reading, out ulong timeStamp)
    {
        reading = default;
        if (kind != RecordKind.Demand) return kind.Format.TryRead(line, out timeStamp);
        var decoded = DemandReading.TryRead(line, out reading);
        timeStamp = reading.TimeStamp;
        return decoded;
    }

    /// <summary>The smallest gateway TimeStamp whose time is at or after <paramref name="time"/> (0 before the gateway's epoch).</summary>
    private static ulong FirstTimeStampAtOrAfter(DateTimeOffset time)
    {
        var ticks = (time - GatewayDemand.Epoch).Ticks;
        return ticks <= 0 ? 0 : (ulong)((ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
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

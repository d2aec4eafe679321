using System.IO.Compression;
using System.Text;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Stores;
using Rainforest.Domain.Readings;

namespace Rainforest.Archive.Readings;

/// <summary>
/// A user's logged demand readings, one UTC hour at a time: the archived object and the hour file this process
/// has not shipped yet, merged, filtered to a time range by the gateway's TimeStamp, sorted by it, each line once.
/// Only one hour is held in memory, so a caller streaming hour after hour uses constant memory.
/// </summary>
public sealed class UserReadings(IArchiveStore store, IOptions<ArchiveOptions> archive, IOptions<LogsOptions> logs)
{
    /// <summary>The longest range one request may ask for.</summary>
    public static readonly TimeSpan LongestRange = TimeSpan.FromDays(31);

    /// <summary>The start of every UTC hour that overlaps [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IEnumerable<DateTimeOffset> HoursOf(DateTimeOffset from, DateTimeOffset to)
    {
        for (var hour = HourStamp.StartOfHour(from); hour < to; hour = hour.AddHours(1)) yield return hour;
    }

    /// <summary>
    /// The readings of one hour whose gateway time is in [<paramref name="from"/>, <paramref name="to"/>).
    /// Throws <see cref="ArchiveStoreException"/> when the archive cannot be read, never a shortened hour.
    /// </summary>
    public async Task<IReadOnlyList<LoggedReading>> ReadHourAsync(string cloudId, DateTimeOffset hourUtc,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // The local file first: if it is shipped and deleted meanwhile, the archive read that follows holds it.
        var local = await ReadLocalAsync(HourFileLayout.LocalPath(logs.Value.Directory, cloudId, hourUtc), cancellationToken);
        var stored = await store.ReadAsync(HourFileLayout.ObjectKey(archive.Value.Prefix, cloudId, hourUtc), cancellationToken);
        var archived = stored is null ? [] : Decompress(stored.Content, cloudId, hourUtc);
        return Merge([archived, local], from, to);
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

    private static List<string> Decompress(byte[] content, string cloudId, DateTimeOffset hourUtc)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            var lines = new List<string>();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0) lines.Add(line);
            }
            return lines;
        }
        catch (InvalidDataException e)
        {
            // A damaged object is an hour we cannot give; answering without it would be a shortened answer.
            throw new ArchiveStoreException(ArchiveErrorKind.Permanent, "UnreadableObject",
                $"The archived hour {HourStamp.Of(hourUtc)} of {cloudId} is not valid gzip: {e.Message}", e);
        }
    }

    private static async Task<List<string>> ReadLocalAsync(string path, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            // Shared: the user grain keeps appending, and the shipper may delete the file once it is archived.
            await using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.Asynchronous,
            });
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, cancellationToken);
            content = copy.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }

        // A last line without its newline is still being written; it is complete next time.
        var end = Array.LastIndexOf(content, (byte)'\n');
        if (end < 0) return [];
        return Encoding.UTF8.GetString(content, 0, end).Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0)
            .ToList();
    }
}

using System.Text;
using Rainforest.Archive.Rotation;

namespace Rainforest.Archive.Shipping;

/// <summary>
/// Reads a local hour file into a shippable part. A last line without its newline (a crash mid-write) and
/// lines that are not valid records are left out and counted; the caller warns about them.
/// </summary>
public static class HourFileReader
{
    private const int SampleLength = 120;

    public static Task<HourFileSnapshot> ReadAsync(string path, CancellationToken cancellationToken) =>
        ReadAsync(path, RecordKind.Demand, cancellationToken);

    /// <summary>Reads an hour file of <paramref name="kind"/>: only lines of that kind's format are shipped.</summary>
    public static async Task<HourFileSnapshot> ReadAsync(string path, RecordKind kind, CancellationToken cancellationToken)
    {
        byte[] content;
        DateTime lastWrite;
        // Read/write/delete sharing: the reader never gets in the way of the user grain.
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous))
        {
            lastWrite = File.GetLastWriteTimeUtc(path);
            content = new byte[file.Length];
            var read = 0;
            while (read < content.Length)
            {
                var n = await file.ReadAsync(content.AsMemory(read), cancellationToken);
                if (n == 0) break;
                read += n;
            }
            if (read < content.Length) Array.Resize(ref content, read);
        }

        var lines = new MemoryStream(content.Length);
        var timeStamps = new List<ulong>(content.Length / 150 + 1);
        var invalid = 0;
        string? sample = null;
        var span = content.AsSpan();
        while (true)
        {
            var end = span.IndexOf((byte)'\n');
            if (end < 0) break;
            var line = span[..end];
            if (kind.Format.TryRead(line, out var timeStamp))
            {
                lines.Write(line);
                lines.WriteByte((byte)'\n');
                timeStamps.Add(timeStamp);
            }
            else
            {
                invalid++;
                sample ??= Preview(line);
            }
            span = span[(end + 1)..];
        }

        return new HourFileSnapshot(new HourPart(lines.ToArray(), [.. timeStamps]), span.Length, invalid, sample, content.Length, lastWrite);
    }

    /// <summary>Whether the file still has the length and write time it had when read.</summary>
    public static bool IsUnchanged(string path, HourFileSnapshot snapshot)
    {
        var info = new FileInfo(path);
        return info.Exists && info.Length == snapshot.Length && info.LastWriteTimeUtc == snapshot.LastWriteUtc;
    }

    private static string Preview(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line.Length > SampleLength ? line[..SampleLength] : line);
        var printable = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return line.Length > SampleLength ? printable + "…" : printable;
    }
}

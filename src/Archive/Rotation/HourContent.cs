using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Rainforest.Archive.Rotation;

/// <summary>The content of an hour object: gzip of record lines, distinct, in TimeStamp order.</summary>
public static class HourContent
{
    /// <summary>The part's lines, or null when its lines and timestamps do not pair up.</summary>
    public static IReadOnlyList<HourLine>? FromPart(HourPart part)
    {
        var lines = new List<HourLine>(part.LineCount);
        var span = part.Lines.AsSpan();
        while (!span.IsEmpty)
        {
            var end = span.IndexOf((byte)'\n');
            if (end < 0 || lines.Count == part.LineCount) return null;
            lines.Add(new HourLine(Encoding.UTF8.GetString(span[..end]), part.TimeStamps[lines.Count]));
            span = span[(end + 1)..];
        }
        return lines.Count == part.LineCount ? lines : null;
    }

    public static DecodedHour Decode(byte[] gzip) => Decode(gzip, RecordKind.Demand);

    /// <summary>The object's lines of <paramref name="kind"/>'s format; any other line makes it not intact.</summary>
    public static DecodedHour Decode(byte[] gzip, RecordKind kind)
    {
        using var text = new MemoryStream();
        string? problem = null;
        try
        {
            using var unzip = new GZipStream(new MemoryStream(gzip, writable: false), CompressionMode.Decompress);
            unzip.CopyTo(text);
        }
        catch (InvalidDataException e)
        {
            // Keep what decompressed before the damage: those lines are still merged.
            problem = "not valid gzip: " + e.Message;
        }
        // A cut-off gzip decompresses without complaint; its trailer (length mod 2^32) gives it away.
        if (problem is null && (gzip.Length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(gzip.Length - 4)) != (uint)text.Length))
        {
            problem = "truncated gzip";
        }

        var lines = new List<HourLine>();
        var unreadable = 0;
        var span = text.GetBuffer().AsSpan(0, (int)text.Length);
        while (!span.IsEmpty)
        {
            var end = span.IndexOf((byte)'\n');
            var line = end < 0 ? span : span[..end];
            if (kind.Format.TryRead(line, out var timeStamp)) lines.Add(new HourLine(Encoding.UTF8.GetString(line), timeStamp));
            else unreadable++;
            span = end < 0 ? [] : span[(end + 1)..];
        }

        if (unreadable > 0) problem ??= $"{unreadable} line(s) are not valid records";
        return new DecodedHour(lines, problem is null, unreadable, problem);
    }

    public static MergedHour Merge(IReadOnlyList<HourLine> existing, IReadOnlyList<HourLine> incoming)
    {
        var seen = new HashSet<string>(existing.Count + incoming.Count, StringComparer.Ordinal);
        var union = new List<HourLine>(existing.Count + incoming.Count);
        foreach (var line in existing)
        {
            if (seen.Add(line.Text)) union.Add(line);
        }
        var existingDistinct = union.Count;
        foreach (var line in incoming)
        {
            if (seen.Add(line.Text)) union.Add(line);
        }

        // OrderBy is stable: equal TimeStamps keep the object's order, then the part's.
        var ordered = union.OrderBy(line => line.TimeStamp).ToList();
        return new MergedHour(ordered, existingDistinct, union.Count - existingDistinct);
    }

    public static byte[] Encode(IReadOnlyList<HourLine> lines)
    {
        using var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var line in lines)
            {
                zip.Write(Encoding.UTF8.GetBytes(line.Text));
                zip.WriteByte((byte)'\n');
            }
        }
        return output.ToArray();
    }
}

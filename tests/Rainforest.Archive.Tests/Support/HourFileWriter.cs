using System.Globalization;
using System.Text;

namespace Rainforest.Archive.Tests.Support;

/// <summary>Writes hour files the way the user grain does: one record line plus "\n" per reading.</summary>
public static class HourFileWriter
{
    private static readonly DateTimeOffset Epoch2000 = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A record in the original nine-key format, polled at <paramref name="at"/>.</summary>
    public static string Record(DateTimeOffset at, int demand) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": {(long)(at - Epoch2000).TotalSeconds}, \"Demand\": {demand}, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}}");

    /// <summary>One reading every six seconds from <paramref name="from"/>.</summary>
    public static IReadOnlyList<string> Readings(DateTimeOffset from, int count, int firstDemand = 100) =>
        Enumerable.Range(0, count).Select(i => Record(from.AddSeconds(6 * i), firstDemand + i)).ToList();

    /// <summary>A get_current_summation record (raw hex strings), read at <paramref name="at"/>.</summary>
    public static string SummationRecord(DateTimeOffset at, ulong delivered) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"TimeStamp\": \"0x{(long)(at - Epoch2000).TotalSeconds:x8}\", \"SummationDelivered\": \"0x{delivered:x8}\", \"SummationReceived\": \"0x00000000\", \"Multiplier\": \"0x00000001\", \"Divisor\": \"0x000003e8\"}}");

    /// <summary>A get_price record (raw hex strings), read at <paramref name="at"/>.</summary>
    public static string PriceRecord(DateTimeOffset at, ulong price) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"TimeStamp\": \"0x{(long)(at - Epoch2000).TotalSeconds:x8}\", \"Price\": \"0x{price:x8}\", \"TrailingDigits\": \"0x02\", \"Currency\": \"0x0348\", \"Tier\": \"0x01\", \"RateLabel\": \"Block 1\"}}");

    public static string Write(string logsDirectory, string cloudId, DateTimeOffset hour, IEnumerable<string> lines, string? tornTail = null, RecordKind? kind = null)
    {
        var path = HourFileLayout.LocalPath(logsDirectory, cloudId, hour, kind);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append('\n');
        if (tornTail is not null) text.Append(tornTail);
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}

namespace Rainforest.Domain.Tests.HourFiles;

/// <summary>The record line is written byte for byte as the original logger wrote it.</summary>
public sealed class DemandRecordTests
{
    /// <summary>The protocol notes' reply: 0.944 kW at 2015-03-10T17:54:01Z.</summary>
    public const string CanonicalLine =
        "{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, " +
        "\"Demand\": 944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, " +
        "\"SuppressLeadingZero\": \"Y\"}";

    private static string Write(ulong deviceMacId = 15624597891882953451, ulong meterMacId = 2112161845476631,
        ulong demand = 944, string suppressLeadingZero = "Y") =>
        DemandRecord.Write(deviceMacId, meterMacId, 479325241, demand, 1, 1000, 3, 6, suppressLeadingZero);

    [Fact]
    public void Writes_the_canonical_reading_exactly_as_the_original_logger_did() =>
        Assert.Equal(CanonicalLine, Write());

    [Fact]
    public void Writes_the_nine_keys_in_record_order_and_nothing_else()
    {
        using var document = System.Text.Json.JsonDocument.Parse(Write());

        var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal(
            ["DeviceMacId", "MeterMacId", "TimeStamp", "Demand", "Multiplier", "Divisor", "DigitsRight", "DigitsLeft", "SuppressLeadingZero"],
            keys);
        Assert.Equal(DemandRecord.Format.FieldNames, keys);
    }

    [Fact]
    public void Writes_no_trailing_newline() =>
        Assert.EndsWith("\"Y\"}", Write(), StringComparison.Ordinal);

    [Fact]
    public void Writes_a_mac_id_above_two_to_the_63_as_an_unquoted_unsigned_integer()
    {
        var line = Write(deviceMacId: ulong.MaxValue, meterMacId: (1UL << 63) + 1);

        Assert.StartsWith("{\"DeviceMacId\": 18446744073709551615, \"MeterMacId\": 9223372036854775809, ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("-", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_suppress_leading_zero_the_way_python_json_does() =>
        Assert.EndsWith("\"SuppressLeadingZero\": \"a\\\"b\\\\c\\n\\u0001\\u00e9\"}", Write(suppressLeadingZero: "a\"b\\c\n\u0001é"), StringComparison.Ordinal);

    [Fact]
    public void Every_line_it_writes_passes_the_one_check()
    {
        foreach (var line in new[] { Write(), Write(deviceMacId: ulong.MaxValue, demand: 4294963632, suppressLeadingZero: "\"\u00e9\"") })
        {
            Assert.True(DemandRecord.Format.TryRead(line, out var timeStamp));
            Assert.Equal(479325241UL, timeStamp);
        }
    }
}

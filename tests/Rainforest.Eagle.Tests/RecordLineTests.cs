using System.Text.Json;

namespace Rainforest.Eagle.Tests;

public sealed class RecordLineTests
{
    private static InstantaneousDemand Canonical() =>
        RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.Canonical).Reading!;

    [Fact]
    public void Writes_the_canonical_reply_exactly_as_the_original_logger_did() =>
        Assert.Equal(RecordedReplies.CanonicalRecordLine, Canonical().ToRecordLine());

    [Fact]
    public void Writes_the_nine_keys_in_record_order_and_nothing_else()
    {
        using var document = JsonDocument.Parse(Canonical().ToRecordLine());

        var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal(
            ["DeviceMacId", "MeterMacId", "TimeStamp", "Demand", "Multiplier", "Divisor", "DigitsRight", "DigitsLeft", "SuppressLeadingZero"],
            keys);
        Assert.Equal(InstantaneousDemand.FieldNames, keys);
    }

    [Fact]
    public void Writes_no_trailing_newline() =>
        Assert.EndsWith("\"Y\"}", Canonical().ToRecordLine(), StringComparison.Ordinal);

    [Fact]
    public void Writes_a_mac_id_above_two_to_the_63_as_an_unquoted_unsigned_integer()
    {
        var reading = Canonical() with { DeviceMacId = ulong.MaxValue, MeterMacId = (1UL << 63) + 1 };

        var line = reading.ToRecordLine();

        Assert.StartsWith("{\"DeviceMacId\": 18446744073709551615, \"MeterMacId\": 9223372036854775809, ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("-", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_suppress_leading_zero_the_way_python_json_does()
    {
        var reading = Canonical() with { SuppressLeadingZero = "a\"b\\c\n\u0001é" };

        Assert.EndsWith("\"SuppressLeadingZero\": \"a\\\"b\\\\c\\n\\u0001\\u00e9\"}", reading.ToRecordLine(), StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_back_what_it_writes()
    {
        var reading = Canonical() with { DeviceMacId = ulong.MaxValue, Demand = 4294963632, SuppressLeadingZero = "N" };

        Assert.True(InstantaneousDemand.TryParseRecordLine(reading.ToRecordLine(), out var parsed));
        Assert.Equal(reading, parsed);
        Assert.Equal(reading.ToRecordLine(), parsed.ToRecordLine());
    }

    [Fact]
    public void Reads_the_canonical_record_line_with_its_trailing_newline()
    {
        Assert.True(InstantaneousDemand.TryParseRecordLine(RecordedReplies.CanonicalRecordLine + "\n", out var parsed));
        Assert.Equal(Canonical(), parsed);
    }

    [Fact]
    public void Reads_back_an_escaped_suppress_leading_zero()
    {
        var reading = Canonical() with { SuppressLeadingZero = "\"\u00e9\"" };

        Assert.True(InstantaneousDemand.TryParseRecordLine(reading.ToRecordLine(), out var parsed));
        Assert.Equal(reading, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, \"Demand\": 944")]
    [InlineData("{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, \"Demand\": 944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6}")]
    [InlineData("{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, \"Demand\": 944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\", \"CloudId\": \"00abcd\"}")]
    [InlineData("{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, \"Demand\": 944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\", \"Demand\": 945}")]
    [InlineData("{\"DeviceMacId\": \"15624597891882953451\", \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, \"Demand\": 944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, \"Demand\": -3664, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, \"Demand\": 0.944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": 18446744073709551616, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, \"Demand\": 944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, \"Demand\": 944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": null}")]
    [InlineData("{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, \"Demand\": 944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}{}")]
    public void Refuses_a_line_that_is_not_exactly_one_record(string line)
    {
        Assert.False(InstantaneousDemand.TryParseRecordLine(line, out var parsed));
        Assert.Null(parsed);
    }
}

using System.Text;

namespace Rainforest.Domain.Tests.HourFiles;

/// <summary>The one check every reader of hour files applies to a line (shipping, merging, tests).</summary>
public sealed class RecordFormatTests
{
    private const string Original = DemandRecordTests.CanonicalLine;

    private static bool Accepts(string line) => DemandRecord.Format.TryRead(Encoding.UTF8.GetBytes(line), out _);

    [Fact]
    public void The_original_record_is_valid_and_its_timestamp_read()
    {
        Assert.True(DemandRecord.Format.TryRead(Encoding.UTF8.GetBytes(Original), out var timeStamp));
        Assert.Equal(479325241UL, timeStamp);
    }

    [Fact]
    public void Mac_ids_above_2_to_the_63_are_valid() =>
        Assert.True(Accepts(Original.Replace("2112161845476631", "18446744073709551615", StringComparison.Ordinal)));

    [Fact]
    public void Keys_in_another_order_and_whitespace_around_the_object_are_valid()
    {
        Assert.True(Accepts("{\"SuppressLeadingZero\": \"Y\", \"TimeStamp\": 3, \"DeviceMacId\": 1, \"MeterMacId\": 2, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6}"));
        Assert.True(Accepts(Original + " \r"));
        Assert.True(DemandRecord.Format.TryRead(Original + "\n", out _));
    }

    [Fact]
    public void Raw_values_other_than_mac_ids_and_timestamp_may_be_any_integer() =>
        Assert.True(Accepts(Original.Replace("\"Demand\": 944", "\"Demand\": -3664", StringComparison.Ordinal)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\", \"Extra\": 1}")]
    [InlineData("{\"DeviceMacId\": 1, \"DeviceMacId\": 1, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\", \"Demand\": 5}")]
    [InlineData("{\"DeviceMacId\": \"1\", \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": -1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": 18446744073709551616, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3.5, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 0.944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": 1}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": null}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"} trailing")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}{}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"")]
    public void Anything_but_the_nine_keys_with_raw_values_is_not_a_record(string line)
    {
        Assert.False(Accepts(line));
        Assert.False(DemandRecord.Format.TryRead(line, out _));
    }

    [Fact]
    public void No_line_at_all_is_not_a_record() => Assert.False(DemandRecord.Format.TryRead((string?)null, out _));
}

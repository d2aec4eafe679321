using System.Text;

namespace Rainforest.Archive.Tests.Layout;

public sealed class ReadingRecordTests
{
    private const string Original = "{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, \"Demand\": 944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}";

    [Fact]
    public void The_original_record_is_valid_and_its_timestamp_read()
    {
        Assert.True(ReadingRecord.TryRead(Encoding.UTF8.GetBytes(Original), out var timeStamp));
        Assert.Equal(479325241UL, timeStamp);
    }

    [Fact]
    public void Mac_ids_above_2_to_the_63_are_valid()
    {
        var line = Original.Replace("2112161845476631", "18446744073709551615", StringComparison.Ordinal);
        Assert.True(ReadingRecord.TryRead(Encoding.UTF8.GetBytes(line), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\", \"Extra\": 1}")]
    [InlineData("{\"DeviceMacId\": 1, \"DeviceMacId\": 1, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": \"1\", \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3.5, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": 1}")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"} trailing")]
    [InlineData("{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"")]
    public void Anything_but_the_nine_keys_with_raw_values_is_not_a_record(string line)
    {
        Assert.False(ReadingRecord.TryRead(Encoding.UTF8.GetBytes(line), out _));
    }
}

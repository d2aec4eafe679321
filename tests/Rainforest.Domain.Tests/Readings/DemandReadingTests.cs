using System.Text;
using Rainforest.Domain.Readings;
using Rainforest.Domain.Tests.HourFiles;

namespace Rainforest.Domain.Tests.Readings;

/// <summary>A logged line decodes to the time and kW the relay documents, negatives included.</summary>
public sealed class DemandReadingTests
{
    private static DemandReading Read(string line)
    {
        Assert.True(DemandReading.TryRead(Encoding.UTF8.GetBytes(line), out var reading), line);
        return reading;
    }

    private static string Line(ulong demand, ulong multiplier = 1, ulong divisor = 1000) =>
        DemandRecord.Write(1, 2, 479325241, demand, multiplier, divisor, 3, 6, "Y");

    [Fact]
    public void Decodes_the_canonical_reading_to_its_time_and_kilowatts()
    {
        var reading = Read(DemandRecordTests.CanonicalLine);

        Assert.Equal(DateTimeOffset.Parse("2015-03-10T17:54:01Z"), reading.Time);
        Assert.Equal(0.944, reading.Kilowatts, 9);
        Assert.Equal(15624597891882953451UL, reading.DeviceMacId);
        Assert.Equal("Y", reading.SuppressLeadingZero);
    }

    [Theory]
    [InlineData(0xFFFFF1B0UL, -3.664)] // 32-bit two's complement
    [InlineData(0xFFF1B0UL, -3.664)]   // 24-bit two's complement
    [InlineData(0x7FFFFFUL, 8388.607)] // the largest positive 24-bit demand stays positive
    public void Decodes_a_wrapped_demand_as_negative(ulong demand, double kilowatts) =>
        Assert.Equal(kilowatts, Read(Line(demand)).Kilowatts, 9);

    [Fact]
    public void A_zero_multiplier_or_divisor_counts_as_one() =>
        Assert.Equal(944, Read(Line(944, multiplier: 0, divisor: 0)).Kilowatts, 9);

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"DeviceMacId\": 1}")]
    [InlineData("{\"DeviceMacId\": -1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4, \"Multiplier\": 1, \"Divisor\": 1, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}")]
    public void Refuses_what_is_not_a_demand_record(string line) =>
        Assert.False(DemandReading.TryRead(Encoding.UTF8.GetBytes(line), out _));
}

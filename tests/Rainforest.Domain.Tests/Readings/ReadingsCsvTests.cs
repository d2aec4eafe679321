using System.Text;
using Rainforest.Domain.Readings;
using Rainforest.Domain.Tests.HourFiles;

namespace Rainforest.Domain.Tests.Readings;

public sealed class ReadingsCsvTests
{
    [Fact]
    public void A_row_has_the_iso_time_the_decoded_kilowatts_and_every_raw_field()
    {
        Assert.True(DemandReading.TryRead(Encoding.UTF8.GetBytes(DemandRecordTests.CanonicalLine), out var reading));

        Assert.Equal(
            "2015-03-10T17:54:01Z,0.944,15624597891882953451,2112161845476631,479325241,944,1,1000,3,6,Y",
            ReadingsCsv.Row(reading));
        Assert.Equal(11, ReadingsCsv.Header.Split(',').Length);
    }

    [Fact]
    public void A_negative_demand_is_written_with_its_sign()
    {
        var line = DemandRecord.Write(1, 2, 479325241, 0xFFFFF1B0, 1, 1000, 3, 6, "Y");
        Assert.True(DemandReading.TryRead(Encoding.UTF8.GetBytes(line), out var reading));

        Assert.Equal("-3.664", ReadingsCsv.Row(reading).Split(',')[1]);
    }

    [Fact]
    public void A_flag_with_a_comma_or_quote_is_quoted()
    {
        var line = DemandRecord.Write(1, 2, 479325241, 1, 1, 1, 3, 6, "a,\"b\"");
        Assert.True(DemandReading.TryRead(Encoding.UTF8.GetBytes(line), out var reading));

        Assert.EndsWith(",\"a,\"\"b\"\"\"", ReadingsCsv.Row(reading), StringComparison.Ordinal);
    }
}

using Rainforest.Archive.Rotation;
namespace Rainforest.Archive.Tests.Layout;

public sealed class HourContentTests
{
    private static HourLine Line(ulong timeStamp, int demand) =>
        new($"{{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": {timeStamp}, \"Demand\": {demand}, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}}", timeStamp);

    [Fact]
    public void Merge_is_the_distinct_union_in_timestamp_order()
    {
        var existing = new[] { Line(10, 1), Line(20, 2), Line(30, 3) };
        var incoming = new[] { Line(5, 0), Line(20, 2), Line(25, 9), Line(30, 3), Line(20, 2) };

        var merged = HourContent.Merge(existing, incoming);

        Assert.Equal([5UL, 10, 20, 25, 30], merged.Lines.Select(l => l.TimeStamp));
        Assert.Equal(3, merged.ExistingLines);
        Assert.Equal(2, merged.AddedLines);
    }

    [Fact]
    public void Lines_with_the_same_timestamp_keep_their_order()
    {
        var merged = HourContent.Merge([Line(10, 1), Line(10, 2)], [Line(10, 3), Line(9, 4)]);
        Assert.Equal([Line(9, 4), Line(10, 1), Line(10, 2), Line(10, 3)], merged.Lines);
    }

    [Fact]
    public void Encoded_content_decodes_to_the_same_lines()
    {
        var lines = new[] { Line(1, 1), Line(2, 2) };
        var decoded = HourContent.Decode(HourContent.Encode(lines));
        Assert.True(decoded.Intact);
        Assert.Equal(lines, decoded.Lines);
        Assert.Equal(lines.Select(l => l.Text), S3Server.Gunzip(HourContent.Encode(lines)));
    }

    [Fact]
    public void Damaged_content_keeps_what_is_readable_and_says_so()
    {
        var good = HourContent.Encode([Line(1, 1), Line(2, 2)]);
        var truncated = good[..(good.Length - 6)];

        var decoded = HourContent.Decode(truncated);

        Assert.False(decoded.Intact);
        Assert.False(HourContent.Decode([1, 2, 3]).Intact);
    }
}

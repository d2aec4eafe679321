namespace Rainforest.Domain.Tests.HourFiles;

public sealed class HourFileLayoutTests
{
    private static readonly DateTimeOffset Hour = new(2015, 3, 10, 17, 54, 1, TimeSpan.Zero);

    [Fact]
    public void Local_path_is_the_hour_folder_and_the_original_file_name()
    {
        Assert.Equal("/logs/2015-03-10-17/iseif-rainforest-00a1ff-2015-03-10-17.jl", HourFileLayout.LocalPath("/logs", "00a1ff", Hour));
        Assert.Equal(HourFileLayout.LocalPath("/logs", "00a1ff", Hour), HourFileLayout.LocalPath("/logs", "00a1ff", Hour, RecordKind.Demand));
    }

    [Fact]
    public void Object_key_is_by_user_then_day()
    {
        Assert.Equal("rainforest-logs/00a1ff/2015/03/10/iseif-rainforest-00a1ff-2015-03-10-17.jl.gz",
            HourFileLayout.ObjectKey("rainforest-logs", "00a1ff", Hour));
        Assert.Equal("a/b/00a1ff/2015/03/10/iseif-rainforest-00a1ff-2015-03-10-17.jl.gz", HourFileLayout.ObjectKey("a/b/", "00a1ff", Hour));
        Assert.Equal("00a1ff/2015/03/10/iseif-rainforest-00a1ff-2015-03-10-17.jl.gz", HourFileLayout.ObjectKey("", "00a1ff", Hour));
    }

    [Fact]
    public void A_local_path_of_our_shape_parses_back()
    {
        Assert.True(HourFileLayout.TryParseLocalPath(HourFileLayout.LocalPath("/data/logs", "00a1ff", Hour), out var cloudId, out var hour));
        Assert.Equal("00a1ff", cloudId);
        Assert.Equal(new DateTimeOffset(2015, 3, 10, 17, 0, 0, TimeSpan.Zero), hour);
    }

    [Fact]
    public void Sibling_files_are_named_by_kind_and_never_read_as_demand_files()
    {
        var summation = HourFileLayout.LocalPath("/logs", "00a1ff", Hour, RecordKind.Summation);
        Assert.Equal("/logs/2015-03-10-17/iseif-rainforest-summation-00a1ff-2015-03-10-17.jl", summation);
        Assert.Equal("p/00a1ff/2015/03/10/iseif-rainforest-price-00a1ff-2015-03-10-17.jl.gz", HourFileLayout.ObjectKey("p", "00a1ff", Hour, RecordKind.Price));
        Assert.False(HourFileLayout.TryParseLocalPath(summation, out _, out _));
        Assert.True(HourFileLayout.TryParseLocalPath(summation, out var cloudId, out _, out var kind));
        Assert.Equal(("00a1ff", RecordKind.Summation), (cloudId, kind));
        Assert.True(HourFileLayout.TryParseLocalPath(HourFileLayout.LocalPath("/logs", "00a1ff", Hour), out _, out _, out kind));
        Assert.Same(RecordKind.Demand, kind);
        Assert.False(HourFileLayout.TryParseLocalPath("/logs/2015-03-10-17/iseif-rainforest-energy-00a1ff-2015-03-10-17.jl", out _, out _, out _));
    }

    [Fact]
    public void Captured_records_keep_the_raw_strings_and_are_ordered_by_their_hex_time()
    {
        var line = RecordKind.Price.Format.WriteText(new Dictionary<string, string>
        {
            ["RateLabel"] = "Block 1", ["TimeStamp"] = "0x1c91ec39", ["Price"] = "0x0000000c", ["TrailingDigits"] = "0x02",
            ["Currency"] = "0x0348", ["Tier"] = "0x01",
        });
        Assert.Equal("{\"TimeStamp\": \"0x1c91ec39\", \"Price\": \"0x0000000c\", \"TrailingDigits\": \"0x02\", \"Currency\": \"0x0348\", \"Tier\": \"0x01\", \"RateLabel\": \"Block 1\"}", line);
        Assert.True(RecordKind.Price.Format.TryRead(line, out var timeStamp));
        Assert.Equal(0x1c91ec39UL, timeStamp);
        Assert.False(RecordKind.Demand.Format.TryRead(line, out _));
        Assert.False(RecordKind.Summation.Format.TryRead(line, out _));
    }

    [Theory]
    [InlineData("/logs/2015-03-10-17/iseif-rainforest-00A1FF-2015-03-10-17.jl")] // not the canonical spelling
    [InlineData("/logs/2015-03-10-17/iseif-rainforest-00a1f-2015-03-10-17.jl")]
    [InlineData("/logs/2015-03-10-17/iseif-rainforest-00a1ff0-2015-03-10-17.jl")]
    [InlineData("/logs/2015-03-10-17/iseif-rainforest-00a1fg-2015-03-10-17.jl")]
    [InlineData("/logs/2015-03-10-16/iseif-rainforest-00a1ff-2015-03-10-17.jl")] // folder of another hour
    [InlineData("/logs/iseif-rainforest-00a1ff-2015-03-10-17.jl")]
    [InlineData("/logs/2015-03-10-17/iseif-rainforest-00a1ff-2015-03-10-17.jl.gz")]
    [InlineData("/logs/2015-03-10-17/iseif-rainforest-00a1ff-2015-03-10-17.jl.tmp")]
    [InlineData("/logs/2015-13-10-17/iseif-rainforest-00a1ff-2015-13-10-17.jl")] // no such month
    [InlineData("/logs/2015-03-10-24/iseif-rainforest-00a1ff-2015-03-10-24.jl")]
    [InlineData("/logs/2015-03-10-17/iseif-rainforest-summation-00a1ff-2015-03-10-17.jl")] // a kind not shipped yet
    [InlineData("/logs/2015-03-10-17/notes.txt")]
    [InlineData("/logs/2015-03-10-17/")]
    [InlineData("")]
    public void Anything_else_is_not_ours(string path)
    {
        Assert.False(HourFileLayout.TryParseLocalPath(path, out _, out _));
    }
}

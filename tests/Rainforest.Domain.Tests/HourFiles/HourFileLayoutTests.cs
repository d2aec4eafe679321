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

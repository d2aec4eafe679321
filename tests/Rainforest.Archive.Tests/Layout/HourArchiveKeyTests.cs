using Rainforest.Archive.Rotation;
namespace Rainforest.Archive.Tests.Layout;

public sealed class HourArchiveKeyTests
{
    private static readonly DateTimeOffset Hour = new(2015, 3, 10, 17, 54, 1, TimeSpan.Zero);

    [Fact]
    public void Hour_archive_grain_key_round_trips()
    {
        var key = HourArchiveKey.Format("00a1ff", Hour);
        Assert.Equal("00a1ff/2015-03-10-17", key);
        Assert.True(HourArchiveKey.TryParse(key, out var cloudId, out var hour));
        Assert.Equal(("00a1ff", HourStamp.StartOfHour(Hour)), (cloudId, hour));
        Assert.False(HourArchiveKey.TryParse("00A1FF/2015-03-10-17", out _, out _));
        Assert.False(HourArchiveKey.TryParse("00a1ff/../2015-03-10-17", out _, out _));
    }

    [Fact]
    public void Sibling_kinds_have_their_own_archive_grain_and_the_demand_key_is_unchanged()
    {
        Assert.Equal("00a1ff/2015-03-10-17/summation", HourArchiveKey.Format("00a1ff", Hour, RecordKind.Summation));
        Assert.True(HourArchiveKey.TryParse("00a1ff/2015-03-10-17/price", out _, out _, out var kind));
        Assert.Same(RecordKind.Price, kind);
        Assert.False(HourArchiveKey.TryParse("00a1ff/2015-03-10-17/price", out _, out _));
        Assert.False(HourArchiveKey.TryParse("00a1ff/2015-03-10-17/demand", out _, out _, out _));
        Assert.False(HourArchiveKey.TryParse("00a1ff/2015-03-10-17/other", out _, out _, out _));
    }
}

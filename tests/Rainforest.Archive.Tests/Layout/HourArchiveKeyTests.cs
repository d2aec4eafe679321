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
}

namespace Rainforest.Domain.Tests.HourFiles;

public sealed class HourStampTests
{
    private static readonly DateTimeOffset Time = new(2015, 3, 10, 17, 54, 1, TimeSpan.Zero);

    [Fact]
    public void Hour_stamp_is_the_utc_hour()
    {
        Assert.Equal("2015-03-10-17", HourStamp.Of(Time));
        Assert.Equal("2015-03-10-17", HourStamp.Of(Time.ToOffset(TimeSpan.FromHours(-7))));
    }

    [Fact]
    public void A_stamp_parses_back_to_the_start_of_its_utc_hour()
    {
        Assert.True(HourStamp.TryParse(HourStamp.Of(Time), out var hour));
        Assert.Equal(new DateTimeOffset(2015, 3, 10, 17, 0, 0, TimeSpan.Zero), hour);
        Assert.Equal(hour, HourStamp.StartOfHour(Time.ToOffset(TimeSpan.FromHours(5))));
        Assert.Equal(TimeSpan.Zero, hour.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2015-03-10")]
    [InlineData("2015-03-10-7")]
    [InlineData("2015-03-10-24")]
    [InlineData("2015-02-30-10")]
    [InlineData(" 2015-03-10-17")]
    [InlineData("2015-03-10T17")]
    [InlineData("２０15-03-10-17")]
    public void Anything_but_a_real_utc_hour_is_refused(string? stamp) =>
        Assert.False(HourStamp.TryParse(stamp, out _));

    [Fact]
    public void Hour_files_stay_writable_for_thirty_seconds_after_their_hour() =>
        Assert.Equal(TimeSpan.FromSeconds(30), WriteGrace.AfterHourEnds);
}

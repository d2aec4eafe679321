using Rainforest.Grains.Users;

namespace Rainforest.Grains.Tests.Policies;

public sealed class StaleReadingGuardTests
{
    private const ulong LastLogged = 1_000;

    [Fact]
    public void Newer_and_repeated_readings_pass()
    {
        var guard = new StaleReadingGuard(3);

        Assert.False(guard.IsStale(LastLogged + 6, LastLogged));
        Assert.False(guard.IsStale(LastLogged, LastLogged));
    }

    [Fact]
    public void Readings_that_keep_going_backwards_are_never_believed()
    {
        var guard = new StaleReadingGuard(3);

        for (ulong timeStamp = 900; timeStamp > 800; timeStamp -= 6)
        {
            Assert.True(guard.IsStale(timeStamp, LastLogged), $"{timeStamp}");
        }
    }

    [Fact]
    public void A_clock_set_back_is_believed_once_enough_readings_behind_have_each_moved_forward()
    {
        var guard = new StaleReadingGuard(3);

        Assert.True(guard.IsStale(100, LastLogged));
        Assert.True(guard.IsStale(106, LastLogged));
        Assert.False(guard.IsStale(112, LastLogged));
    }

    [Fact]
    public void A_reading_that_goes_back_again_or_a_fresh_one_starts_the_count_over()
    {
        var guard = new StaleReadingGuard(3);
        Assert.True(guard.IsStale(100, LastLogged));
        Assert.True(guard.IsStale(106, LastLogged));
        Assert.True(guard.IsStale(90, LastLogged));
        Assert.True(guard.IsStale(96, LastLogged));
        Assert.False(guard.IsStale(102, LastLogged));

        Assert.True(guard.IsStale(200, LastLogged));
        Assert.False(guard.IsStale(LastLogged + 6, LastLogged));
        Assert.True(guard.IsStale(206, LastLogged));
        Assert.True(guard.IsStale(212, LastLogged));
    }
}

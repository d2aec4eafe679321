using Microsoft.Extensions.Time.Testing;
using Rainforest.Grains.Polling;

namespace Rainforest.Grains.Tests.Policies;

public sealed class GrainTimerWheelTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start) { AutoAdvanceAmount = TimeSpan.Zero };

    [Fact]
    public void A_timer_fires_once_no_earlier_than_its_due_time_and_within_one_resolution_after_it()
    {
        using var wheel = new GrainTimerWheel(_clock);
        var fired = new List<DateTimeOffset>();
        using var timer = wheel.CreateTimer(_ => fired.Add(_clock.GetUtcNow()), null, TimeSpan.FromMilliseconds(101), Timeout.InfiniteTimeSpan);

        AdvanceInSteps(TimeSpan.FromMilliseconds(100));
        Assert.Empty(fired);
        AdvanceInSteps(TimeSpan.FromSeconds(10));

        var at = Assert.Single(fired) - Start;
        Assert.InRange(at, TimeSpan.FromMilliseconds(101), TimeSpan.FromMilliseconds(101) + GrainTimerWheel.Resolution);
    }

    [Fact]
    public void Thousands_of_timers_each_fire_once_in_their_own_slot()
    {
        using var wheel = new GrainTimerWheel(_clock);
        var due = Enumerable.Range(0, 3000).Select(i => TimeSpan.FromMilliseconds(i * 2 + 1)).ToArray();
        var fired = new DateTimeOffset?[due.Length];
        var timers = due.Select((d, i) => wheel.CreateTimer(_ =>
        {
            Assert.Null(fired[i]);
            fired[i] = _clock.GetUtcNow();
        }, null, d, Timeout.InfiniteTimeSpan)).ToList();

        AdvanceInSteps(TimeSpan.FromSeconds(7));

        for (var i = 0; i < due.Length; i++)
        {
            Assert.NotNull(fired[i]);
            Assert.InRange(fired[i]!.Value - Start, due[i], due[i] + GrainTimerWheel.Resolution);
        }
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void A_timer_re_armed_from_its_own_callback_fires_every_six_seconds_without_drift()
    {
        using var wheel = new GrainTimerWheel(_clock);
        var fired = new List<TimeSpan>();
        ITimer? timer = null;
        var slot = TimeSpan.FromSeconds(6);
        timer = wheel.CreateTimer(_ =>
        {
            var now = _clock.GetUtcNow() - Start;
            fired.Add(now);
            slot += TimeSpan.FromSeconds(6);
            timer!.Change(slot - now, Timeout.InfiniteTimeSpan);
        }, null, slot, Timeout.InfiniteTimeSpan);

        AdvanceInSteps(TimeSpan.FromSeconds(61));

        Assert.Equal(10, fired.Count);
        for (var i = 0; i < fired.Count; i++)
        {
            Assert.InRange(fired[i], TimeSpan.FromSeconds(6 * (i + 1)), TimeSpan.FromSeconds(6 * (i + 1)) + GrainTimerWheel.Resolution);
        }
        timer.Dispose();
    }

    [Fact]
    public void Changing_a_timer_moves_it_and_an_infinite_due_time_or_dispose_stops_it()
    {
        using var wheel = new GrainTimerWheel(_clock);
        int moved = 0, stopped = 0, disposed = 0;
        using var movedTimer = wheel.CreateTimer(_ => moved++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var stoppedTimer = wheel.CreateTimer(_ => stopped++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        var disposedTimer = wheel.CreateTimer(_ => disposed++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        movedTimer.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        stoppedTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        disposedTimer.Dispose();
        Assert.False(disposedTimer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));

        AdvanceInSteps(TimeSpan.FromSeconds(2));
        Assert.Equal((0, 0, 0), (moved, stopped, disposed));
        AdvanceInSteps(TimeSpan.FromSeconds(2));
        Assert.Equal((1, 0, 0), (moved, stopped, disposed));
    }

    [Fact]
    public void A_timer_changed_while_its_slot_fires_fires_at_its_new_time_only()
    {
        using var wheel = new GrainTimerWheel(_clock);
        var fired = new List<(string Timer, TimeSpan At)>();
        ITimer? first = null, second = null;
        // Whichever of the two fires first moves the other one second on.
        first = wheel.CreateTimer(_ =>
        {
            fired.Add(("first", _clock.GetUtcNow() - Start));
            if (fired.Count == 1) second!.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromMilliseconds(40), Timeout.InfiniteTimeSpan);
        second = wheel.CreateTimer(_ =>
        {
            fired.Add(("second", _clock.GetUtcNow() - Start));
            if (fired.Count == 1) first.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromMilliseconds(40), Timeout.InfiniteTimeSpan);

        AdvanceInSteps(TimeSpan.FromSeconds(2));

        Assert.Equal(2, fired.Count);
        Assert.NotEqual(fired[0].Timer, fired[1].Timer);
        Assert.InRange(fired[0].At, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(44));
        Assert.InRange(fired[1].At, TimeSpan.FromMilliseconds(1040), TimeSpan.FromMilliseconds(1048));
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public void A_periodic_timer_fires_every_period()
    {
        using var wheel = new GrainTimerWheel(_clock);
        var count = 0;
        using var timer = wheel.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        AdvanceInSteps(TimeSpan.FromMilliseconds(10_500));

        Assert.Equal(10, count);
    }

    [Fact]
    public void A_timer_set_after_a_quiet_spell_longer_than_a_lap_waits_for_its_own_slot()
    {
        using var wheel = new GrainTimerWheel(_clock);
        using (wheel.CreateTimer(_ => { }, null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan))
        {
            AdvanceInSteps(TimeSpan.FromMilliseconds(20));
        }
        _clock.Advance(TimeSpan.FromMinutes(3));
        var fired = new List<TimeSpan>();
        var setAt = _clock.GetUtcNow();
        using var timer = wheel.CreateTimer(_ => fired.Add(_clock.GetUtcNow() - setAt), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        AdvanceInSteps(TimeSpan.FromSeconds(4));
        Assert.Empty(fired);
        AdvanceInSteps(TimeSpan.FromSeconds(2));

        Assert.InRange(Assert.Single(fired), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5) + GrainTimerWheel.Resolution);
    }

    [Fact]
    public void A_callback_that_throws_does_not_cost_the_other_timers_of_its_slot_their_tick()
    {
        using var wheel = new GrainTimerWheel(_clock);
        var fired = 0;
        using var failing = wheel.CreateTimer(_ => throw new InvalidOperationException("boom"), null, TimeSpan.FromMilliseconds(40), Timeout.InfiniteTimeSpan);
        var others = Enumerable.Range(0, 5).Select(_ => wheel.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(40), Timeout.InfiniteTimeSpan)).ToList();

        Assert.Throws<InvalidOperationException>(() => _clock.Advance(TimeSpan.FromMilliseconds(50)));

        Assert.Equal(5, fired);
        others.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Only_the_system_clock_is_put_on_a_wheel_a_test_clock_drives_grain_timers_as_it_is()
    {
        Assert.Same(_clock, GrainTimerWheel.Over(_clock));
        var wheel = Assert.IsType<GrainTimerWheel>(GrainTimerWheel.Over(TimeProvider.System));
        wheel.Dispose();
    }

    // Small steps, as the system clock's ticks would come: each fired tick re-arms the wheel for the next slot.
    private void AdvanceInSteps(TimeSpan total)
    {
        var step = TimeSpan.FromMilliseconds(1);
        for (var passed = TimeSpan.Zero; passed < total; passed += step) _clock.Advance(step);
    }
}

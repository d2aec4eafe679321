using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Rainforest.Contracts;
using Rainforest.Grains.Polling;
using Rainforest.Grains.Telemetry;

namespace Rainforest.Grains.Tests.Policies;

public sealed class PollLoopTests : IDisposable
{
    private const string CloudId = "00b001";
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start) { AutoAdvanceAmount = TimeSpan.Zero };
    private readonly PollSchedule _schedule = new(CloudId, Period);
    private readonly TestMeterFactory _meters = new();
    private readonly List<DateTimeOffset> _polls = [];
    private readonly ManualTimer _timer = new();
    private readonly PollLoop _loop;
    private Func<DateTimeOffset, Task<PollErrorKind>> _gateway = _ => Task.FromResult(PollErrorKind.None);
    private int _failures;

    public PollLoopTests()
    {
        _loop = new PollLoop(_schedule, new RetryRule(Period, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1), new Random(2)),
            _clock, new PollingMetrics(_meters), NullLogger.Instance, CloudId, _timer.Start, PollAsync, () => _failures);
    }

    public void Dispose() => _meters.Dispose();

    [Fact]
    public void Starts_at_the_users_next_slot()
    {
        _loop.StartAtNextSlot();

        var slot = _schedule.NextSlotAfter(Start);
        Assert.True(_loop.IsRunning);
        Assert.Equal(slot, _loop.NextPollAt);
        Assert.Equal(slot - Start, _timer.Due);
    }

    [Fact]
    public async Task Slow_polls_do_not_make_the_schedule_drift()
    {
        _gateway = _ =>
        {
            _clock.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(PollErrorKind.None);
        };
        _loop.StartAtNextSlot();
        var slot = _loop.NextPollAt!.Value;

        for (var tick = 0; tick < 5; tick++) await FireAsync();

        Assert.Equal(Enumerable.Range(0, 5).Select(n => slot + n * Period), _polls);
        Assert.Equal(slot + 5 * Period, _loop.NextPollAt);
    }

    [Fact]
    public async Task A_timer_that_fires_just_before_its_slot_waits_for_it()
    {
        _loop.StartAtNextSlot();
        var slot = _loop.NextPollAt!.Value;
        _clock.Advance(_timer.Due - TimeSpan.FromMilliseconds(300));

        var tick = _timer.Tick!(CancellationToken.None);
        Assert.Empty(_polls);
        _clock.Advance(TimeSpan.FromMilliseconds(300));
        await tick;

        Assert.Equal([slot], _polls);
    }

    [Fact]
    public async Task A_slot_is_never_polled_twice_even_when_the_poll_takes_no_time()
    {
        _loop.StartAtNextSlot();
        var slot = _loop.NextPollAt!.Value;

        await FireAsync();

        Assert.Equal(slot + Period, _loop.NextPollAt);
        Assert.Equal(Period, _timer.Due);
    }

    [Fact]
    public async Task One_request_at_a_time_the_timer_is_re_armed_only_when_the_poll_has_ended()
    {
        var reply = new TaskCompletionSource<PollErrorKind>();
        _gateway = _ => reply.Task;
        _loop.StartAtNextSlot();
        var changes = _timer.Changes;

        var tick = FireAsync();
        Assert.Single(_polls);
        Assert.Equal(changes, _timer.Changes);

        reply.SetResult(PollErrorKind.None);
        await tick;
        Assert.Equal(changes + 1, _timer.Changes);
    }

    [Fact]
    public async Task Failures_are_backed_off_on_the_users_own_slots_and_a_success_returns_to_every_slot()
    {
        _gateway = _ => Task.FromResult(PollErrorKind.HttpError);
        _loop.StartAtNextSlot();

        for (var failure = 0; failure < 6; failure++) await FireAsync();
        var gaps = _polls.Zip(_polls.Skip(1), (a, b) => b - a).ToList();
        Assert.All(_polls, poll => Assert.Equal(poll, _schedule.SlotAtOrAfter(poll)));
        Assert.Equal(Period, gaps[0]);
        Assert.True(gaps[^1] > 4 * Period, string.Join(", ", gaps));

        _gateway = _ => Task.FromResult(PollErrorKind.None);
        await FireAsync();
        Assert.Equal(_polls[^1] + Period, _loop.NextPollAt);
    }

    [Fact]
    public async Task A_poll_that_throws_still_re_arms_the_timer()
    {
        _gateway = _ => throw new InvalidOperationException("boom");
        _loop.StartAtNextSlot();
        var slot = _loop.NextPollAt!.Value;

        await FireAsync();

        Assert.Equal(slot + Period, _loop.NextPollAt);
        Assert.Equal(Period, _timer.Due);
    }

    [Fact]
    public async Task A_successful_poll_on_demand_ends_a_back_off()
    {
        _gateway = _ => Task.FromResult(PollErrorKind.Timeout);
        _loop.StartAtNextSlot();
        for (var failure = 0; failure < 5; failure++) await FireAsync();
        Assert.True(_loop.NextPollAt > _schedule.NextSlotAfter(_clock.GetUtcNow()), "backed off");

        _gateway = _ => Task.FromResult(PollErrorKind.None);
        var result = await _loop.PollNowAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(_schedule.NextSlotAfter(_clock.GetUtcNow()), _loop.NextPollAt);
    }

    [Fact]
    public void Stopping_disposes_the_timer_and_shows_no_next_poll()
    {
        _loop.StartAtNextSlot();
        _loop.Stop();

        Assert.True(_timer.Disposed);
        Assert.False(_loop.IsRunning);
        Assert.Null(_loop.NextPollAt);
    }

    private async Task<PollResult> PollAsync(DateTimeOffset at)
    {
        _polls.Add(at);
        var error = await _gateway(at);
        _failures = error == PollErrorKind.None ? 0 : _failures + 1;
        return new PollResult(error, null, null);
    }

    // The timer's due time has come: the clock moves there and the tick runs.
    private Task FireAsync()
    {
        _clock.Advance(_timer.Due);
        return _timer.Tick!(CancellationToken.None);
    }

    private sealed class ManualTimer : IGrainTimer
    {
        public Func<CancellationToken, Task>? Tick { get; private set; }
        public TimeSpan Due { get; private set; }
        public int Changes { get; private set; }
        public bool Disposed { get; private set; }

        public IGrainTimer Start(Func<CancellationToken, Task> tick, TimeSpan due)
        {
            Tick = tick;
            Due = due;
            return this;
        }

        public void Change(TimeSpan dueTime, TimeSpan period)
        {
            Due = dueTime;
            Changes++;
        }

        public void Dispose() => Disposed = true;
    }
}

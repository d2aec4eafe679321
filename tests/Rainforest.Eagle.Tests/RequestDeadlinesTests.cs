using Microsoft.Extensions.Time.Testing;

namespace Rainforest.Eagle.Tests;

/// <summary>A request's time runs out on the shared wheel: never after its timeout, at most two resolutions before.</summary>
public sealed class RequestDeadlinesTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_request_is_cancelled_when_its_time_is_up_and_not_after()
    {
        var deadlines = new RequestDeadlines(_time);
        var timeout = TimeSpan.FromSeconds(5);
        using var budget = deadlines.Start(timeout, CancellationToken.None);

        _time.Advance(timeout - 3 * RequestDeadlines.Resolution);
        Assert.False(budget.IsCancellationRequested);

        // Tick by tick, as the wheel's timer fires, up to the timeout itself.
        for (var step = 0; step < 3 && !budget.IsCancellationRequested; step++) _time.Advance(RequestDeadlines.Resolution);

        Assert.True(budget.IsCancellationRequested);
        Assert.True(budget.Token.IsCancellationRequested);
    }

    [Fact]
    public void A_request_after_a_long_quiet_spell_gets_its_whole_time()
    {
        // The wheel holds one lap of slots: a silo that sent nothing for longer than a lap (its first poll minutes
        // after start, a user in a long back-off) must not see its next request cancelled by the slots it skipped.
        var deadlines = new RequestDeadlines(_time);
        using (deadlines.Start(TimeSpan.FromSeconds(1), CancellationToken.None))
        {
            _time.Advance(RequestDeadlines.Resolution);
        }
        // The next tick finds nothing pending and stops the wheel's timer; then nothing happens for three laps.
        _time.Advance(RequestDeadlines.Resolution * 2);
        _time.Advance(EagleRelayOptions.MaxRequestTimeout * 3);

        var timeout = TimeSpan.FromSeconds(5);
        using var budget = deadlines.Start(timeout, CancellationToken.None);
        for (var elapsed = TimeSpan.Zero; elapsed < timeout - 3 * RequestDeadlines.Resolution; elapsed += RequestDeadlines.Resolution)
        {
            _time.Advance(RequestDeadlines.Resolution);
        }

        Assert.False(budget.IsCancellationRequested);
        for (var step = 0; step < 3 && !budget.IsCancellationRequested; step++) _time.Advance(RequestDeadlines.Resolution);
        Assert.True(budget.IsCancellationRequested);
    }

    [Fact]
    public void A_finished_request_is_never_cancelled_afterwards()
    {
        var deadlines = new RequestDeadlines(_time);
        var budget = deadlines.Start(TimeSpan.FromSeconds(1), CancellationToken.None);
        var token = budget.Token;
        var cancelled = false;
        using var registration = token.Register(() => cancelled = true);

        budget.Dispose();
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(cancelled);
    }

    [Fact]
    public void The_callers_cancellation_ends_the_request_at_once()
    {
        var deadlines = new RequestDeadlines(_time);
        using var caller = new CancellationTokenSource();
        using var budget = deadlines.Start(TimeSpan.FromSeconds(5), caller.Token);

        caller.Cancel();

        Assert.True(budget.IsCancellationRequested);
    }

    [Fact]
    public void Many_requests_of_different_timeouts_each_end_in_their_own_slot()
    {
        var deadlines = new RequestDeadlines(_time);
        var budgets = Enumerable.Range(1, 50).Select(i => (Timeout: TimeSpan.FromMilliseconds(200 * i), Budget: deadlines.Start(TimeSpan.FromMilliseconds(200 * i), CancellationToken.None))).ToList();
        var elapsed = TimeSpan.Zero;

        while (elapsed < TimeSpan.FromSeconds(11))
        {
            _time.Advance(RequestDeadlines.Resolution);
            elapsed += RequestDeadlines.Resolution;
            foreach (var (timeout, budget) in budgets)
            {
                // Cancelled once the timeout has come, never before two resolutions ahead of it.
                if (elapsed < timeout - 2 * RequestDeadlines.Resolution) Assert.False(budget.IsCancellationRequested);
                if (elapsed >= timeout) Assert.True(budget.IsCancellationRequested, $"{timeout} still running at {elapsed}");
            }
        }
    }

    [Fact]
    public async Task A_timeout_shorter_than_the_wheel_resolves_keeps_a_timer_of_its_own()
    {
        // The wheel's fake clock never moves here: only the request's own (real) timer can end it.
        var deadlines = new RequestDeadlines(_time);
        using var budget = deadlines.Start(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        var cancelled = new TaskCompletionSource();
        using var registration = budget.Token.Register(() => cancelled.TrySetResult());

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(budget.IsCancellationRequested);
    }
}

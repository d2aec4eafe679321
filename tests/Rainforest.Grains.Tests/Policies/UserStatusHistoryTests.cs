using Microsoft.Extensions.Time.Testing;
using Rainforest.Contracts;
using Rainforest.Grains.Users;

namespace Rainforest.Grains.Tests.Policies;

public sealed class UserStatusHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);

    [Fact]
    public void Changes_of_state_and_of_failure_reason_are_kept_with_time_and_reason_but_repeats_are_not()
    {
        var tracker = new UserStatusTracker();
        tracker.Succeeded(T0);
        tracker.Failed(PollErrorKind.Timeout, "no answer in 4 s", T0 + Period);
        tracker.Failed(PollErrorKind.Timeout, "no answer in 4 s", T0 + 2 * Period);
        tracker.Failed(PollErrorKind.HttpError, "503", T0 + 3 * Period);
        tracker.Succeeded(T0 + 4 * Period);

        Assert.Equal(
        [
            new StatusChange(T0 + Period, PollingState.Polling, PollingState.Failing, PollErrorKind.Timeout, "no answer in 4 s"),
            new StatusChange(T0 + 3 * Period, PollingState.Failing, PollingState.Failing, PollErrorKind.HttpError, "503"),
            new StatusChange(T0 + 4 * Period, PollingState.Failing, PollingState.Polling, PollErrorKind.None, "gateway answers again"),
        ], tracker.History);
    }

    [Fact]
    public void Rejected_credentials_an_update_and_a_delete_are_dated_by_the_clock()
    {
        var clock = new FakeTimeProvider(T0);
        var tracker = new UserStatusTracker(clock);
        tracker.Failed(PollErrorKind.CredentialsRejected, "401", T0);
        clock.Advance(TimeSpan.FromMinutes(5));
        tracker.Resume();
        clock.Advance(TimeSpan.FromMinutes(1));
        tracker.Pause();

        Assert.Equal(
            [(PollingState.Polling, PollingState.CredentialsRejected, T0),
             (PollingState.CredentialsRejected, PollingState.Polling, T0 + TimeSpan.FromMinutes(5)),
             (PollingState.Polling, PollingState.Paused, T0 + TimeSpan.FromMinutes(6))],
            tracker.History.Select(c => (c.From, c.To, c.At)));
    }

    [Fact]
    public void The_history_keeps_only_the_most_recent_changes()
    {
        var tracker = new UserStatusTracker();
        for (var i = 0; i < 50; i++)
        {
            tracker.Failed(PollErrorKind.Unreachable, "refused", T0 + 2 * i * Period);
            tracker.Succeeded(T0 + (2 * i + 1) * Period);
        }

        Assert.Equal(UserStatusTracker.HistoryLength, tracker.History.Count);
        Assert.Equal(T0 + 99 * Period, tracker.History[^1].At);
        Assert.Equal(T0 + (100 - UserStatusTracker.HistoryLength) * Period, tracker.History[0].At);
    }
}

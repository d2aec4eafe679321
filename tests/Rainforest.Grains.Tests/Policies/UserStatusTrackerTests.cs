using Rainforest.Contracts;
using Rainforest.Grains.Users;

namespace Rainforest.Grains.Tests.Policies;

public sealed class UserStatusTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);

    [Fact]
    public void A_new_user_is_polling_with_nothing_to_report()
    {
        var status = new UserStatusTracker().Current;

        Assert.Equal(new UserStatus(PollingState.Polling, 0, PollErrorKind.None, null, null, null, null), status);
    }

    [Fact]
    public void Failures_count_up_and_only_a_new_state_or_reason_is_news()
    {
        var tracker = new UserStatusTracker();

        Assert.True(tracker.Failed(PollErrorKind.Timeout, "slow", T0));
        Assert.False(tracker.Failed(PollErrorKind.Timeout, "slow again", T0 + Period));
        Assert.True(tracker.Failed(PollErrorKind.HttpError, "503", T0 + 2 * Period));

        var status = tracker.Current;
        Assert.Equal(PollingState.Failing, status.State);
        Assert.Equal(3, status.ConsecutiveFailures);
        Assert.Equal(PollErrorKind.HttpError, status.LastErrorKind);
        Assert.Equal("503", status.LastError);
        Assert.Equal(T0 + 2 * Period, status.LastErrorAt);
    }

    [Fact]
    public void Rejected_credentials_have_a_state_of_their_own()
    {
        var tracker = new UserStatusTracker();
        tracker.Failed(PollErrorKind.Timeout, "slow", T0);

        Assert.True(tracker.Failed(PollErrorKind.CredentialsRejected, "401", T0 + Period));
        Assert.Equal(PollingState.CredentialsRejected, tracker.Current.State);
        Assert.False(tracker.IsPolling);
    }

    [Fact]
    public void A_success_after_failures_is_a_recovery_and_resets_the_count_but_keeps_the_last_error()
    {
        var tracker = new UserStatusTracker();
        Assert.False(tracker.Succeeded(T0));
        tracker.Failed(PollErrorKind.Unreachable, "refused", T0 + Period);

        Assert.True(tracker.Succeeded(T0 + 2 * Period));
        Assert.False(tracker.Succeeded(T0 + 3 * Period));

        var status = tracker.Current;
        Assert.Equal(PollingState.Polling, status.State);
        Assert.Equal(0, status.ConsecutiveFailures);
        Assert.Equal(T0 + 3 * Period, status.LastSuccessAt);
        Assert.Equal(PollErrorKind.Unreachable, status.LastErrorKind);
    }

    [Fact]
    public void Resuming_starts_afresh_but_remembers_the_last_success()
    {
        var tracker = new UserStatusTracker();
        tracker.Succeeded(T0);
        tracker.Failed(PollErrorKind.CredentialsRejected, "401", T0 + Period);

        tracker.Resume();

        Assert.Equal(new UserStatus(PollingState.Polling, 0, PollErrorKind.None, null, null, T0, null), tracker.Current);
    }

    [Fact]
    public void Restored_rejection_pause_and_next_poll_show_in_the_status()
    {
        var tracker = new UserStatusTracker();
        tracker.RestoreRejected();
        Assert.Equal(PollingState.CredentialsRejected, tracker.Current.State);
        Assert.Equal(PollErrorKind.CredentialsRejected, tracker.Current.LastErrorKind);

        Assert.Equal(T0, tracker.WithNextPoll(T0).NextPollAt);
        Assert.Null(tracker.Current.NextPollAt);

        tracker.Pause();
        Assert.Equal(PollingState.Paused, tracker.Current.State);
    }
}

namespace Rainforest.Grains.Users;

/// <summary>
/// A user's status: polling, failing with the last reason, credentials rejected, or paused, with the last error
/// and the last success. It says when a change is worth a log line and a report to the directory.
/// </summary>
public sealed class UserStatusTracker
{
    private static readonly UserStatus Fresh = new(PollingState.Polling, 0, PollErrorKind.None, null, null, null, null);

    public UserStatus Current { get; private set; } = Fresh;

    public int ConsecutiveFailures => Current.ConsecutiveFailures;

    public bool IsPolling => Current.State == PollingState.Polling;

    /// <summary>A user whose credentials were rejected before a restart still shows them rejected.</summary>
    public void RestoreRejected() =>
        Current = Current with { State = PollingState.CredentialsRejected, LastErrorKind = PollErrorKind.CredentialsRejected };

    /// <summary>Starts afresh (new or re-sent credentials), keeping only when the gateway last answered.</summary>
    public void Resume() => Current = Fresh with { LastSuccessAt = Current.LastSuccessAt };

    public void Pause() => Current = Current with { State = PollingState.Paused };

    /// <returns>True when the user was not polling normally before: the gateway answers again.</returns>
    public bool Succeeded(DateTimeOffset at)
    {
        var recovered = Current.State != PollingState.Polling;
        Current = Current with { State = PollingState.Polling, ConsecutiveFailures = 0, LastSuccessAt = at };
        return recovered;
    }

    /// <returns>True when the state or the kind of failure changed; a repeat of the same failure is not news.</returns>
    public bool Failed(PollErrorKind kind, string detail, DateTimeOffset at)
    {
        var previous = Current;
        var state = kind == PollErrorKind.CredentialsRejected ? PollingState.CredentialsRejected : PollingState.Failing;
        Current = previous with
        {
            State = state,
            ConsecutiveFailures = previous.ConsecutiveFailures + 1,
            LastErrorKind = kind,
            LastError = detail,
            LastErrorAt = at,
        };
        return previous.State != state || previous.LastErrorKind != kind;
    }

    public UserStatus WithNextPoll(DateTimeOffset? nextPollAt) => Current with { NextPollAt = nextPollAt };

    /// <summary>What the directory keeps of the user for listings.</summary>
    public UserSummary Summary(string cloudId, long totalEventsLogged) =>
        new(cloudId, Current.State, totalEventsLogged, Current.LastSuccessAt, Current.LastErrorKind, Current.LastErrorAt);
}

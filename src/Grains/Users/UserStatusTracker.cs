namespace Rainforest.Grains.Users;

/// <summary>
/// A user's status: polling, failing with the last reason, credentials rejected, or paused, with the last error
/// and the last success. It says when a change is worth a log line and a report to the directory, and keeps the
/// last few such changes (in memory: the history of this activation, as far as it is known).
/// </summary>
public sealed class UserStatusTracker(TimeProvider? time = null)
{
    /// <summary>How many changes the history keeps; older ones are dropped.</summary>
    public const int HistoryLength = 20;

    private static readonly UserStatus Fresh = new(PollingState.Polling, 0, PollErrorKind.None, null, null, null, null);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    // Most users never change state in an activation: the queue comes with the first change.
    private Queue<StatusChange>? _history;

    public UserStatus Current { get; private set; } = Fresh;

    /// <summary>The last <see cref="HistoryLength"/> changes, oldest first.</summary>
    public IReadOnlyList<StatusChange> History => _history is null ? [] : [.. _history];

    public int ConsecutiveFailures => Current.ConsecutiveFailures;

    public bool IsPolling => Current.State == PollingState.Polling;

    /// <summary>A user whose credentials were rejected before a restart still shows them rejected.</summary>
    public void RestoreRejected() =>
        Change(Current with { State = PollingState.CredentialsRejected, LastErrorKind = PollErrorKind.CredentialsRejected },
            _time.GetUtcNow(), "credentials were rejected before this activation");

    /// <summary>Starts afresh (new or re-sent credentials), keeping only when the gateway last answered.</summary>
    public void Resume() => Change(Fresh with { LastSuccessAt = Current.LastSuccessAt }, _time.GetUtcNow(), "registered; polling resumes");

    public void Pause() => Change(Current with { State = PollingState.Paused }, _time.GetUtcNow(), "deleted");

    /// <returns>True when the user was not polling normally before: the gateway answers again.</returns>
    public bool Succeeded(DateTimeOffset at)
    {
        var recovered = Current.State != PollingState.Polling;
        Change(Current with { State = PollingState.Polling, ConsecutiveFailures = 0, LastSuccessAt = at }, at, "gateway answers again");
        return recovered;
    }

    /// <returns>True when the state or the kind of failure changed; a repeat of the same failure is not news.</returns>
    public bool Failed(PollErrorKind kind, string detail, DateTimeOffset at)
    {
        var previous = Current;
        var state = kind == PollErrorKind.CredentialsRejected ? PollingState.CredentialsRejected : PollingState.Failing;
        var news = previous.State != state || previous.LastErrorKind != kind;
        var next = previous with
        {
            State = state,
            ConsecutiveFailures = previous.ConsecutiveFailures + 1,
            LastErrorKind = kind,
            LastError = detail,
            LastErrorAt = at,
        };
        if (news) Change(next, at, detail, kind);
        else Current = next;
        return news;
    }

    // A change of state, or of the reason for failing, goes into the history; anything else only updates the status.
    private void Change(UserStatus next, DateTimeOffset at, string reason, PollErrorKind kind = PollErrorKind.None)
    {
        var previous = Current;
        Current = next;
        if (previous.State == next.State && kind == PollErrorKind.None) return;
        _history ??= new Queue<StatusChange>();
        _history.Enqueue(new StatusChange(at, previous.State, next.State, kind, reason));
        while (_history.Count > HistoryLength) _history.Dequeue();
    }

    public UserStatus WithNextPoll(DateTimeOffset? nextPollAt) => Current with { NextPollAt = nextPollAt };

    /// <summary>What the directory keeps of the user for listings.</summary>
    public UserSummary Summary(string cloudId, long totalEventsLogged) =>
        new(cloudId, Current.State, totalEventsLogged, Current.LastSuccessAt, Current.LastErrorKind, Current.LastErrorAt);
}

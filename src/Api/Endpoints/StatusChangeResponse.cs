namespace Rainforest.Api.Endpoints;

/// <summary>One entry of a user's <c>status_history</c>: when, from which state to which, and why.</summary>
public sealed record StatusChangeResponse(
    DateTimeOffset At,
    PollingState From,
    PollingState To,
    PollErrorKind? Kind,
    string Reason)
{
    public static IReadOnlyList<StatusChangeResponse> ListOf(IReadOnlyList<StatusChange>? history) =>
        [.. (history ?? []).Select(c => new StatusChangeResponse(c.At, c.From, c.To, c.Kind == PollErrorKind.None ? null : c.Kind, c.Reason))];
}

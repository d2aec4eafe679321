namespace Rainforest.Contracts;

/// <summary>
/// One change of a user's polling state (or of the reason it fails), as the user's grain saw it: when, from
/// which state to which, the kind of failure if any, and why in words.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StatusChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] PollingState From,
    [property: Id(2)] PollingState To,
    [property: Id(3)] PollErrorKind Kind,
    [property: Id(4)] string Reason);

namespace Rainforest.Cli.Api;

/// <summary>Where a user's polling stands: polling, failing, credentials_rejected or paused, and the last error.</summary>
public sealed record UserStatusRecord(
    string State,
    int ConsecutiveFailures,
    string? LastErrorKind,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? NextPollAt);

namespace Rainforest.Cli.Api;

/// <summary>One row of <c>GET /api/users</c>.</summary>
public sealed record UserSummaryRecord(
    string CloudId,
    string State,
    long TotalEventsLogged,
    DateTimeOffset? LastSuccessAt,
    string? LastErrorKind,
    DateTimeOffset? LastErrorAt);

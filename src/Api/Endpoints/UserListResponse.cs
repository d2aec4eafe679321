namespace Rainforest.Api.Endpoints;

/// <summary>
/// A user listing: <c>count</c> users in <c>users</c> (the page), <c>total</c> matching the whole query, and
/// <c>counts</c> per state of the users matching the search, whatever the status filter.
/// </summary>
public sealed record UserListResponse(
    int Count,
    IReadOnlyList<UserSummaryResponse> Users,
    int Total,
    int Offset,
    int? Limit,
    UserStateCounts Counts);

public sealed record UserSummaryResponse(
    string CloudId,
    PollingState State,
    long TotalEventsLogged,
    DateTimeOffset? LastSuccessAt,
    PollErrorKind? LastErrorKind,
    DateTimeOffset? LastErrorAt,
    string? UserEmail,
    ReadingSource Source = ReadingSource.Relay)
{
    public static UserSummaryResponse From(UserSummary s) => new(
        s.CloudId, s.State, s.TotalEventsLogged, s.LastSuccessAt,
        s.LastErrorKind == PollErrorKind.None ? null : s.LastErrorKind, s.LastErrorAt, s.Email, s.Source);
}

namespace Rainforest.Api.Endpoints;

public sealed record UserListResponse(int Count, IReadOnlyList<UserSummaryResponse> Users);

public sealed record UserSummaryResponse(
    string CloudId,
    PollingState State,
    long TotalEventsLogged,
    DateTimeOffset? LastSuccessAt,
    PollErrorKind? LastErrorKind,
    DateTimeOffset? LastErrorAt,
    ReadingSource Source = ReadingSource.Relay)
{
    public static UserSummaryResponse From(UserSummary s) => new(
        s.CloudId, s.State, s.TotalEventsLogged, s.LastSuccessAt,
        s.LastErrorKind == PollErrorKind.None ? null : s.LastErrorKind, s.LastErrorAt, s.Source);
}

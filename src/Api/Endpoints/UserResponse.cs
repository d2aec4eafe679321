using System.Text.Json.Serialization;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// A user as the API returns it: the original record's fields plus status and where the readings come from
/// (<c>gateway_url</c> for local users only), never the password or the install code.
/// </summary>
public sealed record UserResponse(
    string CloudId,
    string UserEmail,
    long TotalEventsLogged,
    double? FirstTimestamp,
    double? LastTimestamp,
    UserStatusResponse Status,
    string? Result,
    IReadOnlyList<StatusChangeResponse> StatusHistory,
    ReadingSource Source = ReadingSource.Relay,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GatewayUrl = null)
{
    /// <summary>A push user's upload URL, only in the reply to the request that issued its secret.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UploaderResponse? Uploader { get; init; }

    public static UserResponse From(UserSnapshot user, RegistrationResult? result) => new(
        user.CloudId, user.Email, user.TotalEventsLogged, user.FirstTimestamp, user.LastTimestamp,
        UserStatusResponse.From(user.Status), result?.ToString().ToLowerInvariant(),
        StatusChangeResponse.ListOf(user.StatusHistory), user.Source, user.GatewayUrl);
}

public sealed record UserStatusResponse(
    PollingState State,
    int ConsecutiveFailures,
    PollErrorKind? LastErrorKind,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? NextPollAt)
{
    public static UserStatusResponse From(UserStatus s) => new(
        s.State, s.ConsecutiveFailures, s.LastErrorKind == PollErrorKind.None ? null : s.LastErrorKind,
        s.LastError, s.LastErrorAt, s.LastSuccessAt, s.NextPollAt);
}

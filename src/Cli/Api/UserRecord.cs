namespace Rainforest.Cli.Api;

/// <summary>
/// <c>GET /api/users/{cloud_id}</c>: the original record's fields (timestamps in Unix seconds) plus polling
/// status; never the password. States and error kinds stay strings so a newer server's values still show.
/// </summary>
public sealed record UserRecord(
    string CloudId,
    string UserEmail,
    long TotalEventsLogged,
    double? FirstTimestamp,
    double? LastTimestamp,
    UserStatusRecord Status,
    string? Result);

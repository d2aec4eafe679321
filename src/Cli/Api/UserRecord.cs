namespace Rainforest.Cli.Api;

/// <summary>
/// <c>GET /api/users/{cloud_id}</c>: the original record's fields (timestamps in Unix seconds) plus polling
/// status and where the readings come from; never the password or the install code. States and error kinds stay
/// strings so a newer server's values still show; a server older than reading sources sends no source (relay).
/// </summary>
public sealed record UserRecord(
    string CloudId,
    string UserEmail,
    long TotalEventsLogged,
    double? FirstTimestamp,
    double? LastTimestamp,
    UserStatusRecord Status,
    string? Result,
    string? Source = null,
    string? GatewayUrl = null);

using System.Text.Json.Serialization;

namespace Rainforest.Cli.Api;

/// <summary>
/// The body of <c>POST /api/users/{cloud_id}</c>: a relay user's e-mail and password, or a local gateway's
/// <c>source</c>, <c>gateway_url</c> and <c>install_code</c>, and for a migration the counters the user had in the
/// 2015 system (fields left out of the body when there are none).
/// </summary>
public sealed record RegistrationBody(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserEmail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserPw,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? TotalEventsLogged = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? FirstTimestamp = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LastTimestamp = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Source = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GatewayUrl = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InstallCode = null)
{
    // Records print every property; the password and the install code must never reach the screen or a log.
    public override string ToString() => $"RegistrationBody {{ Source = {Source ?? "relay"}, UserEmail = {UserEmail}, GatewayUrl = {GatewayUrl} }}";
}

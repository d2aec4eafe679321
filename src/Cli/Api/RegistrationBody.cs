using System.Text.Json.Serialization;

namespace Rainforest.Cli.Api;

/// <summary>
/// The body of <c>POST /api/users/{cloud_id}</c>: the two fields the server reads, and for a migration the
/// counters the user had in the 2015 system (left out of the body when there are none).
/// </summary>
public sealed record RegistrationBody(
    string UserEmail,
    string UserPw,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? TotalEventsLogged = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? FirstTimestamp = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LastTimestamp = null);

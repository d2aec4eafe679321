using System.Text.Json.Serialization;

namespace Rainforest.Cli.Output;

/// <summary>
/// One line of <c>users export</c>: the original user record without the password or the install code (the server
/// never gives them out), with the user's <c>source</c> and, for a local gateway, its <c>gateway_url</c>. An import
/// reads the same names and ignores the counters, so adding <c>user_pw</c> (relay) or <c>install_code</c> (local)
/// back to each line makes an import file again.
/// </summary>
public sealed record ExportRecord(
    string CloudId,
    string UserEmail,
    long TotalEventsLogged,
    double? FirstTimestamp,
    double? LastTimestamp,
    string Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GatewayUrl)
{
    public static ExportRecord From(UserRecord user) =>
        new(user.CloudId, user.UserEmail, user.TotalEventsLogged, user.FirstTimestamp, user.LastTimestamp,
            user.Source ?? "relay", user.GatewayUrl);
}

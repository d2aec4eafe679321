namespace Rainforest.Cli.Output;

/// <summary>
/// One line of <c>users export</c>: the original user record without the password (the server never gives
/// it out). An import reads the same names and ignores the counters, so adding <c>user_pw</c> back to each
/// line makes an import file again.
/// </summary>
public sealed record ExportRecord(
    string CloudId,
    string UserEmail,
    long TotalEventsLogged,
    double? FirstTimestamp,
    double? LastTimestamp)
{
    public static ExportRecord From(UserRecord user) =>
        new(user.CloudId, user.UserEmail, user.TotalEventsLogged, user.FirstTimestamp, user.LastTimestamp);
}

namespace Rainforest.Cli.Migration;

/// <summary>A user read from the 2015 system's Redis, ready to register: its key, credentials, counters and old flag.</summary>
public sealed record OriginalUser(string Key, string CloudId, string Email, string Password, MigratedCounts? Counters, bool Active)
{
    // Records print every property; the password must never reach an error message.
    public override string ToString() => $"OriginalUser {{ Key = {Key}, CloudId = {CloudId}, Email = {Email}, Password = *** }}";
}

/// <summary>The counters a user had in the 2015 system; timestamps in Unix seconds.</summary>
public sealed record MigratedCounts(long TotalEventsLogged, double FirstTimestamp, double LastTimestamp);

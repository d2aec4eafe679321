namespace Rainforest.Contracts;

/// <summary>
/// What an operator supplies to create or update a user: where the readings come from and how to ask for them
/// (the relay account's e-mail and password, or a local gateway's URL and install code), and, when moving a
/// user from the 2015 deployment, the counters it had there. For a local user the e-mail is optional ("") and
/// the password unused ("").
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UserRegistration(
    [property: Id(0)] string Email,
    [property: Id(1)] string Password,
    [property: Id(2)] MigratedCounters? Counters = null,
    [property: Id(3)] ReadingSource Source = ReadingSource.Relay,
    [property: Id(4)] string? GatewayUrl = null,
    [property: Id(5)] string? InstallCode = null)
{
    /// <summary>A local gateway's registration: its URL and install code, the e-mail only for the operator's records.</summary>
    public static UserRegistration Local(string gatewayUrl, string installCode, string email = "", MigratedCounters? counters = null) =>
        new(email, "", counters, ReadingSource.Local, gatewayUrl, installCode);

    // Records print every property; the password and the install code must never reach a log line.
    public override string ToString() =>
        $"UserRegistration {{ Source = {Source}, Email = {Email}, Password = ***, GatewayUrl = {GatewayUrl}, InstallCode = ***, Counters = {Counters} }}";
}

/// <summary>
/// The counters a user brings from the system it is migrated from. Taken only by a user that has logged nothing
/// here yet, so a migration never rewinds a live user's counters.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MigratedCounters(
    [property: Id(0)] long TotalEventsLogged,
    [property: Id(1)] double? FirstTimestamp,
    [property: Id(2)] double? LastTimestamp);

public enum RegistrationResult
{
    Created,
    Updated,
    Unchanged,
}

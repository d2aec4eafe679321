namespace Rainforest.Contracts;

/// <summary>
/// What an operator supplies to create or update a user: the gateway account's e-mail and password, and, when
/// moving a user from the 2015 deployment, the counters it had there.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UserRegistration(
    [property: Id(0)] string Email,
    [property: Id(1)] string Password,
    [property: Id(2)] MigratedCounters? Counters = null)
{
    // Records print every property; the password must never reach a log line.
    public override string ToString() => $"UserRegistration {{ Email = {Email}, Password = ***, Counters = {Counters} }}";
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

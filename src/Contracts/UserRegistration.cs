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
    /// <summary>
    /// A push user: the hex SHA-256 of a fresh Uploader secret (the secret itself stays with the caller), taken
    /// when the user becomes a push user or when <see cref="NewUploadUrl"/> asks for it (revoking the old one).
    /// </summary>
    [Id(6)] public string? UploadSecretHash { get; init; }

    /// <summary>Replace the push user's Uploader secret with <see cref="UploadSecretHash"/>.</summary>
    [Id(7)] public bool NewUploadUrl { get; init; }

    /// <summary>A push user's registration; the e-mail only for the operator's records.</summary>
    public static UserRegistration Push(string uploadSecretHash, string email = "", bool newUploadUrl = false, MigratedCounters? counters = null) =>
        new(email, "", counters, ReadingSource.Push) { UploadSecretHash = uploadSecretHash, NewUploadUrl = newUploadUrl };

    /// <summary>A local gateway's registration: its URL and install code, the e-mail only for the operator's records.</summary>
    public static UserRegistration Local(string gatewayUrl, string installCode, string email = "", MigratedCounters? counters = null) =>
        new(email, "", counters, ReadingSource.Local, gatewayUrl, installCode);

    // Records print every property; the password and the install code must never reach a log line.
    public override string ToString() =>
        $"UserRegistration {{ Source = {Source}, Email = {Email}, Password = ***, GatewayUrl = {GatewayUrl}, InstallCode = ***, UploadSecretHash = ***, NewUploadUrl = {NewUploadUrl}, Counters = {Counters} }}";
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

namespace Rainforest.Contracts;

/// <summary>What an operator supplies to create or update a user: the gateway account's e-mail and password.</summary>
[GenerateSerializer, Immutable]
public sealed record UserRegistration(
    [property: Id(0)] string Email,
    [property: Id(1)] string Password)
{
    // Records print every property; the password must never reach a log line.
    public override string ToString() => $"UserRegistration {{ Email = {Email}, Password = *** }}";
}

public enum RegistrationResult
{
    Created,
    Updated,
    Unchanged,
}

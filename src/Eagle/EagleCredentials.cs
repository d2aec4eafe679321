namespace Rainforest.Eagle;

/// <summary>What the cloud relay needs to reach one user's gateway: its Cloud ID and the account's login.</summary>
public sealed record EagleCredentials(string CloudId, string User, string Password)
{
    // The generated record ToString would print the password into any log line or exception message.
    public override string ToString() => $"EagleCredentials {{ CloudId = {CloudId}, User = {User}, Password = *** }}";
}

namespace Rainforest.Contracts;

/// <summary>
/// Which push user an Uploader secret belongs to, keyed by the hex SHA-256 of the secret (never the secret
/// itself), so the upload route finds the user in one call without scanning users.
/// </summary>
public interface IUploaderSecretGrain : IGrainWithStringKey
{
    /// <summary>The Cloud ID this secret uploads for, or null when it was never issued or is revoked.</summary>
    Task<string?> GetCloudIdAsync();

    /// <summary>Binds the secret to a user (called by the user grain when it issues the secret).</summary>
    Task BindAsync(string cloudId);

    /// <summary>Forgets the binding: the secret no longer uploads for anyone.</summary>
    Task RevokeAsync();
}

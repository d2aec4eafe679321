using Rainforest.Eagle;
using Rainforest.Grains.Secrets;

namespace Rainforest.Grains.Users;

/// <summary>
/// A user's gateway credentials: kept in the record with the password encrypted, and decrypted once per
/// activation, when first needed.
/// </summary>
public sealed class UserCredentials(string cloudId, GatewayPasswordProtector passwords)
{
    private EagleCredentials? _decrypted;

    /// <summary>Stores new credentials in <paramref name="record"/>; a past rejection no longer holds.</summary>
    public void Store(UserRecord record, UserRegistration registration)
    {
        record.Registered = true;
        record.Email = registration.Email;
        record.ProtectedPassword = passwords.Protect(registration.Password);
        record.CredentialsRejected = false;
        _decrypted = null;
    }

    /// <summary>True when <paramref name="registration"/> repeats the credentials already stored.</summary>
    public bool AreStored(UserRecord record, UserRegistration registration) =>
        record.Registered && record.Email == registration.Email && Of(record).Password == registration.Password;

    /// <summary>The stored credentials.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">This cluster's key ring cannot decrypt the password.</exception>
    public EagleCredentials Of(UserRecord record) =>
        _decrypted ??= new EagleCredentials(cloudId, record.Email, passwords.Unprotect(record.ProtectedPassword));

    public void Forget() => _decrypted = null;
}

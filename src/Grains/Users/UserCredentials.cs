using Rainforest.Eagle;
using Rainforest.Eagle.Local;
using Rainforest.Grains.Secrets;

namespace Rainforest.Grains.Users;

/// <summary>
/// A user's gateway credentials: kept in the record with the password (relay) or the install code (local)
/// encrypted, and decrypted once per activation, when first needed.
/// </summary>
public sealed class UserCredentials(string cloudId, GatewayPasswordProtector passwords)
{
    private EagleCredentials? _decrypted;
    private LocalGateway? _gateway;

    /// <summary>
    /// Stores new credentials in <paramref name="record"/>; a past rejection no longer holds. A local user's
    /// <paramref name="gatewayUrl"/> is the checked, canonical spelling.
    /// </summary>
    public void Store(UserRecord record, UserRegistration registration, string? gatewayUrl = null)
    {
        record.Registered = true;
        record.Source = registration.Source;
        record.Email = registration.Email;
        if (registration.Source == ReadingSource.Local)
        {
            record.ProtectedPassword = "";
            record.GatewayUrl = gatewayUrl ?? throw new ArgumentNullException(nameof(gatewayUrl));
            record.ProtectedInstallCode = passwords.Protect(registration.InstallCode!);
        }
        else if (registration.Source == ReadingSource.Push)
        {
            // The Uploader secret's hash is kept by the grain, which also binds and revokes it.
            record.ProtectedPassword = "";
            record.GatewayUrl = null;
            record.ProtectedInstallCode = "";
        }
        else
        {
            record.ProtectedPassword = passwords.Protect(registration.Password);
            record.GatewayUrl = null;
            record.ProtectedInstallCode = "";
        }
        record.CredentialsRejected = false;
        Forget();
    }

    /// <summary>True when <paramref name="registration"/> repeats the credentials already stored.</summary>
    public bool AreStored(UserRecord record, UserRegistration registration, string? gatewayUrl = null) =>
        record.Registered && record.Source == registration.Source && record.Email == registration.Email
        && registration.Source switch
        {
            ReadingSource.Local => record.GatewayUrl == gatewayUrl && LocalOf(record).InstallCode == registration.InstallCode,
            ReadingSource.Push => !registration.NewUploadUrl && record.UploadSecretHash is not null,
            _ => Of(record).Password == registration.Password,
        };

    /// <summary>The stored relay credentials.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">This cluster's key ring cannot decrypt the password.</exception>
    public EagleCredentials Of(UserRecord record) =>
        _decrypted ??= new EagleCredentials(cloudId, record.Email, passwords.Unprotect(record.ProtectedPassword));

    /// <summary>The stored local gateway.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">This cluster's key ring cannot decrypt the install code.</exception>
    public LocalGateway LocalOf(UserRecord record) =>
        _gateway ??= new LocalGateway(new Uri(record.GatewayUrl + "/"), cloudId, passwords.Unprotect(record.ProtectedInstallCode));

    public void Forget()
    {
        _decrypted = null;
        _gateway = null;
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace Rainforest.Silo.Hosting;

/// <summary>
/// The Data Protection key ring that encrypts gateway passwords (section <c>Rainforest:DataProtection</c>): in a
/// folder, or beside the cluster in Redis, and with <c>Certificate:Path</c> (+ <c>:Password</c>) or
/// <c>Certificate:Thumbprint</c> itself encrypted with that X.509 certificate, so a copy of the store alone does
/// not decrypt the passwords.
/// </summary>
public static class KeyRing
{
    public const string Section = "Rainforest:DataProtection";
    public const string ApplicationName = "Rainforest";

    public const string RedisKey = "rainforest:data-protection-keys";

    /// <summary>
    /// Data Protection for this process, its keys in Redis (over the process's one connection) when
    /// <paramref name="inRedis"/>, else in <c>KeysDirectory</c>; a certificate that cannot be used stops the start
    /// with the reason.
    /// </summary>
    public static IDataProtectionBuilder AddRainforestKeyRing(this IServiceCollection services, IConfiguration configuration, bool inRedis = false)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (inRedis)
        {
            // Every silo must decrypt what another encrypted, so the key ring lives beside the cluster.
            services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((o, redis) =>
                o.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), RedisKey));
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(configuration[Section + ":KeysDirectory"] ?? "data/keys"));
        }
        if (LoadCertificate(configuration.GetSection(Section + ":Certificate")) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        return dataProtection;
    }

    public static X509Certificate2? LoadCertificate(IConfigurationSection section)
    {
        var path = section["Path"];
        var thumbprint = section["Thumbprint"];
        if (string.IsNullOrWhiteSpace(path) && string.IsNullOrWhiteSpace(thumbprint)) return null;
        if (!string.IsNullOrWhiteSpace(path) && !string.IsNullOrWhiteSpace(thumbprint))
        {
            throw Invalid(section, "set either Path or Thumbprint, not both.");
        }

        var certificate = string.IsNullOrWhiteSpace(path) ? FromStore(section, thumbprint!) : FromFile(section, path, section["Password"]);
        if (!certificate.HasPrivateKey)
        {
            throw Invalid(section, $"certificate {certificate.Thumbprint} has no private key; the key ring cannot be decrypted without it.");
        }
        if (certificate.GetRSAPrivateKey() is null)
        {
            throw Invalid(section, $"certificate {certificate.Thumbprint} needs an RSA key (the key ring is encrypted with XML encryption).");
        }
        return certificate;
    }

    private static X509Certificate2 FromFile(IConfigurationSection section, string path, string? password)
    {
        if (!File.Exists(path)) throw Invalid(section, $"no certificate file at '{Path.GetFullPath(path)}'.");
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException ex)
        {
            throw Invalid(section, $"'{path}' is not a PKCS#12 (.pfx) file this password opens ({ex.Message}).");
        }
    }

    private static X509Certificate2 FromStore(IConfigurationSection section, string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (CryptographicException)
            {
                continue;
            }
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", ""), validOnly: false);
            if (found.Count > 0) return found[0];
        }
        throw Invalid(section, $"no certificate with thumbprint {thumbprint} in the CurrentUser or LocalMachine 'My' store.");
    }

    private static InvalidOperationException Invalid(IConfigurationSection section, string reason) =>
        new($"{section.Path}: {reason}");
}

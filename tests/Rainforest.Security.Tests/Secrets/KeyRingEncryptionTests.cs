using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rainforest.Security.Tests.Fixtures;
using Rainforest.Silo.Hosting;

namespace Rainforest.Security.Tests.Secrets;

/// <summary>
/// With <c>Rainforest:DataProtection:Certificate</c> set, the key ring that encrypts gateway passwords is itself
/// encrypted with the certificate: its files hold no plain master key, and a later process with the same
/// certificate still decrypts what an earlier one protected. A certificate that cannot be used stops the start.
/// </summary>
public sealed class KeyRingEncryptionTests
{
    private const string PfxPassword = "pfx-password";

    [Fact]
    public void Keys_written_with_a_certificate_configured_are_encrypted_and_still_decrypt()
    {
        using var root = new TestRoot("keyring");
        var settings = Settings(root, Pfx(root, "keyring.pfx"));

        var protectedPassword = Protector(settings).Protect("the gateway password");

        var xml = KeyRingXml(root);
        Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
        Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.Equal("the gateway password", Protector(settings).Unprotect(protectedPassword));
    }

    [Fact]
    public void Without_a_certificate_the_key_ring_holds_its_master_key_in_the_clear()
    {
        using var root = new TestRoot("keyring-plain");

        Protector(Settings(root, certificatePath: null)).Protect("the gateway password");

        Assert.Contains("<masterKey", KeyRingXml(root), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_ring_encrypted_with_one_certificate_does_not_open_without_it()
    {
        using var root = new TestRoot("keyring-other");
        var protectedPassword = Protector(Settings(root, Pfx(root, "first.pfx"))).Protect("the gateway password");

        Assert.ThrowsAny<CryptographicException>(() => Protector(Settings(root, Pfx(root, "second.pfx"))).Unprotect(protectedPassword));
    }

    [Theory]
    [InlineData("missing", "no certificate file")]
    [InlineData("wrong-password", "not a PKCS#12")]
    [InlineData("public-only", "no private key")]
    public void A_certificate_that_cannot_be_used_stops_the_start_with_the_reason(string problem, string reason)
    {
        using var root = new TestRoot("keyring-bad");
        var path = Path.Combine(root.Path, "keyring.pfx");
        var password = PfxPassword;
        switch (problem)
        {
            case "wrong-password":
                Pfx(root, "keyring.pfx");
                password = "not the password";
                break;
            case "public-only":
                using (var withKey = SelfSigned())
                using (var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData))
                {
                    File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pkcs12, PfxPassword));
                }
                break;
        }
        var settings = Settings(root, path);
        settings["Rainforest:DataProtection:Certificate:Password"] = password;

        var error = Assert.Throws<InvalidOperationException>(() => Protector(settings));
        Assert.Contains("Rainforest:DataProtection:Certificate", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(TestRoot root, string? certificatePath)
    {
        var settings = new Dictionary<string, string?> { ["Rainforest:DataProtection:KeysDirectory"] = Path.Combine(root.Path, "keys") };
        if (certificatePath is not null)
        {
            settings["Rainforest:DataProtection:Certificate:Path"] = certificatePath;
            settings["Rainforest:DataProtection:Certificate:Password"] = PfxPassword;
        }
        return settings;
    }

    // A process's view of the key ring: built from configuration as the silo builds it.
    private static IDataProtector Protector(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRainforestKeyRing(configuration);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
    }

    private static string KeyRingXml(TestRoot root) =>
        string.Join("\n", Directory.GetFiles(Path.Combine(root.Path, "keys"), "*.xml").Select(File.ReadAllText));

    private static string Pfx(TestRoot root, string name)
    {
        var path = Path.Combine(root.Path, name);
        using var certificate = SelfSigned();
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, PfxPassword));
        return path;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Rainforest key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }
}

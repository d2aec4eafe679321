using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Rainforest.Eagle.Tests;

/// <summary>A loopback relay behind a self-signed certificate that no trust store knows.</summary>
public sealed class TlsRelayServerFixture : IAsyncLifetime
{
    private RelayServer? _server;
    private X509Certificate2? _certificate;

    public RelayServer Server => _server ?? throw new InvalidOperationException("The relay has not started.");

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Re-import so the private key is usable by the TLS stack on every platform.
        _certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        _server = await RelayServer.StartAsync(_certificate);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _certificate?.Dispose();
    }
}

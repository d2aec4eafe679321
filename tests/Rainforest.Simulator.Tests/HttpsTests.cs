using Rainforest.Simulator.Accounts;
namespace Rainforest.Simulator.Tests;

public sealed class HttpsTests
{
    [Fact]
    public async Task Https_works_for_a_client_that_trusts_the_generated_certificate()
    {
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { Https = true, AutoAccounts = true });
        var trusted = simulator.Certificate!;
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            // Trust exactly this certificate as a root; the host name must still match.
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 leaf && chain.Build(leaf);
        };
        using var client = new HttpClient(handler);

        var body = await Relay.DemandAsync(client, simulator, "00abcd", SimulatedAccount.DefaultUser("00abcd"), SimulatedAccount.DefaultPassword("00abcd"));

        Assert.Equal("https", simulator.RelayUrl.Scheme);
        Assert.Equal("InstantaneousDemand", XDocument.Parse(body).Root!.Name.LocalName);
    }
}

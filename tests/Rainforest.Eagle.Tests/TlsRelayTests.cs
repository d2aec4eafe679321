using Microsoft.Extensions.DependencyInjection;

namespace Rainforest.Eagle.Tests;

public sealed class TlsRelayTests(TlsRelayServerFixture fixture) : IClassFixture<TlsRelayServerFixture>
{
    private async Task<RelayOutcome> PollAsync(string path, bool? verifyCertificate)
    {
        await using var services = RelayClients.Services(RelayClients.Configuration(fixture.Server.Url(path), verifyCertificate: verifyCertificate));
        return await services.GetRequiredService<EagleRelayClient>().GetInstantaneousDemandAsync(RelayClients.Credentials);
    }

    [Theory]
    [InlineData(null, "untrusted")]
    [InlineData(true, "untrusted-explicit")]
    public async Task Reports_an_untrusted_certificate_as_unreachable_with_a_tls_reason(bool? verifyCertificate, string path)
    {
        var outcome = await PollAsync($"/reply/{path}", verifyCertificate);

        Assert.Equal(RelayOutcomeKind.Unreachable, outcome.Kind);
        Assert.StartsWith("TLS handshake with the relay failed", outcome.Detail, StringComparison.Ordinal);
        Assert.Null(fixture.Server.Received(path));
    }

    [Fact]
    public async Task Reads_through_an_untrusted_certificate_only_when_verification_is_off()
    {
        var outcome = await PollAsync("/reply/unverified", verifyCertificate: false);

        Assert.True(outcome.IsReading, outcome.Detail);
        Assert.NotNull(fixture.Server.Received("unverified"));
    }
}

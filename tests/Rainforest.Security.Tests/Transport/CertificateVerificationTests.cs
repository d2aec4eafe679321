using Rainforest.Security.Tests.Fixtures;

namespace Rainforest.Security.Tests.Transport;

/// <summary>By default the relay's TLS certificate is verified: a self-signed one means no request, no password sent.</summary>
[Collection(KeyedSilo.Collection)]
public sealed class CertificateVerificationTests(KeyedSilo fixture)
{
    [Fact]
    public async Task A_relay_with_an_untrusted_certificate_is_refused_and_never_sees_a_request()
    {
        const string id = "0c0c01";
        using var api = fixture.Silo.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/users/{id}", Json.SimulatedUser(id))).StatusCode);

        var problem = await Problems.AssertAsync(await api.GetAsync($"/api/event/{id}"), HttpStatusCode.BadGateway);
        Assert.Equal("unreachable", problem.GetProperty("kind").GetString());
        Assert.Contains("TLS", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var user = await Json.GetAsync(api, $"/api/users/{id}");
        Assert.Equal("failing", user.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("unreachable", user.GetProperty("status").GetProperty("last_error_kind").GetString());
        // The handshake failed, so the relay never got the request (nor the password in its headers).
        Assert.Empty(fixture.Simulator.RequestsFor(id));
        Assert.DoesNotContain("verification is OFF", fixture.Silo.Transcript(), StringComparison.Ordinal);
    }
}

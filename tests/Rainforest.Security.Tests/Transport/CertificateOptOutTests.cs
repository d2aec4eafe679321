using Rainforest.Security.Tests.Fixtures;

namespace Rainforest.Security.Tests.Transport;

/// <summary>Turning verification off is possible (test relays), but only explicitly, and it is announced.</summary>
[Collection(LoopbackDemoSilo.Collection)]
public sealed class CertificateOptOutTests(LoopbackDemoSilo fixture)
{
    [Fact]
    public async Task With_verification_explicitly_off_readings_flow_and_the_silo_warns_about_it()
    {
        const string id = "0c0c02";
        using var api = fixture.Silo.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/users/{id}", Json.SimulatedUser(id))).StatusCode);

        var reading = await Json.GetAsync(api, $"/api/event/{id}");
        Assert.True(reading.GetProperty("TimeStamp").GetUInt64() > 0);
        Assert.NotEmpty(fixture.Simulator.RequestsFor(id));

        var transcript = fixture.Silo.Transcript();
        Assert.Contains($"TLS certificate verification is OFF for the relay {fixture.Simulator.RelayUrl}", transcript, StringComparison.Ordinal);
        Assert.Contains("Rainforest:Eagle:VerifyCertificate=false", transcript, StringComparison.Ordinal);
    }
}

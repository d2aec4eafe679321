using System.Net;
using System.Text.Json;
using Rainforest.Simulator.Accounts;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>On the default networks, registrations that would make the silo connect to itself or to cloud metadata are refused.</summary>
public sealed class GatewayAddressTests(DefaultNetworksFixture fixture) : IClassFixture<DefaultNetworksFixture>
{
    private readonly SiloProcess _silo = fixture.Silo;

    [Theory]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://localhost:8080")]
    [InlineData("http://169.254.169.254")]
    [InlineData("http://[::1]")]
    [InlineData("http://[fe80::1]")]
    [InlineData("http://8.8.8.8")]
    public async Task A_gateway_outside_the_allowed_networks_is_a_400_and_nothing_is_registered(string url)
    {
        using var api = _silo.CreateClient();
        const string id = "00f101";

        var response = await api.PostAsync($"/api/users/{id}", SystemUnderTest.JsonBody(new
        {
            source = "local", gateway_url = url, install_code = SimulatedAccount.DefaultInstallCode(id),
        }));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Gateway address refused", problem.GetProperty("title").GetString());
        Assert.Contains("AllowedNetworks", problem.GetProperty("errors").GetProperty("gateway_url")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/users/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_private_gateway_is_registered_on_the_default_networks()
    {
        using var api = _silo.CreateClient();
        const string id = "00f102";

        var response = await api.PostAsync($"/api/users/{id}", SystemUnderTest.JsonBody(new
        {
            source = "local", gateway_url = "http://192.168.1.20", install_code = SimulatedAccount.DefaultInstallCode(id),
        }));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/users/{id}")).StatusCode);
    }
}

using System.Net;
using Rainforest.Simulator.Accounts;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>A gateway address that was allowed when the user registered but is not any more is refused at every poll.</summary>
public sealed class LocalAddressLaterRefusedTests
{
    [Fact]
    public async Task A_gateway_no_longer_inside_the_allowed_networks_fails_its_polls_as_address_refused_and_nothing_is_sent()
    {
        const string id = "0c2001";
        await using var system = await SystemUnderTest.StartAsync();
        var allowing = system.AddSilo(new Dictionary<string, string> { ["Rainforest:Sources:Local:AllowedNetworks:0"] = "127.0.0.0/8" });
        await allowing.StartAsync();
        using (var api = allowing.CreateClient())
        {
            var created = await api.PostAsync($"/api/users/{id}", SystemUnderTest.JsonBody(new
            {
                source = "local", gateway_url = system.Simulator.BaseUrl.ToString(), install_code = SimulatedAccount.DefaultInstallCode(id),
            }));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            await SystemUnderTest.GetJsonAsync(api, $"/api/event/{id}");
        }
        await allowing.StopAsync();
        var sent = system.Simulator.RequestsFor(id).Count;

        // The same cluster, now on the default networks (no loopback): the user wakes and is polled, but never reaches the gateway.
        var refusing = system.AddSilo();
        await refusing.StartAsync();
        using var refusingApi = refusing.CreateClient();
        var failed = await refusingApi.GetAsync($"/api/event/{id}");
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        var problem = System.Text.Json.JsonDocument.Parse(await failed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("address_refused", problem.GetProperty("kind").GetString());
        var user = await Eventually.Until(() => SystemUnderTest.GetJsonAsync(refusingApi, $"/api/users/{id}"),
            u => u.GetProperty("status").GetProperty("consecutive_failures").GetInt32() >= 2, TimeSpan.FromSeconds(30), "a scheduled refused poll");
        Assert.Equal("failing", user.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("address_refused", user.GetProperty("status").GetProperty("last_error_kind").GetString());
        Assert.Equal(sent, system.Simulator.RequestsFor(id).Count);
    }
}

using Rainforest.Simulator.Accounts;
namespace Rainforest.Simulator.Tests;

public sealed class AccountTests
{
    [Fact]
    public async Task Automatic_accounts_accept_the_default_credentials_only()
    {
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true });
        using var client = new HttpClient();

        var reading = await Relay.DemandAsync(
            client, simulator, "ABC123", SimulatedAccount.DefaultUser("ABC123"), SimulatedAccount.DefaultPassword("ABC123"));
        var notHex = await Relay.DemandAsync(client, simulator, "xyz", SimulatedAccount.DefaultUser("xyz"), SimulatedAccount.DefaultPassword("xyz"));

        Assert.Equal("user-abc123@sim.test", SimulatedAccount.DefaultUser("ABC123"));
        Assert.Equal("pw-abc123", SimulatedAccount.DefaultPassword("ABC123"));
        Assert.Equal("InstantaneousDemand", XDocument.Parse(reading).Root!.Name.LocalName);
        Assert.Equal("Error", XDocument.Parse(notHex).Root!.Name.LocalName);
    }

    [Fact]
    public async Task Control_routes_configure_accounts_and_faults()
    {
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions());
        using var client = new HttpClient { BaseAddress = simulator.BaseUrl };

        using var put = await client.PutAsJsonAsync("/sim/accounts/1a2b3c", new { user = "u@example.com", password = "p", fault = "unavailable" });
        using var unavailable = await Relay.PostAsync(client, simulator, "1a2b3c", "u@example.com", "p");
        using var fault = await client.PutAsJsonAsync("/sim/accounts/1a2b3c/fault", new { fault = "none" });
        using var healthy = await Relay.PostAsync(client, simulator, "1a2b3c", "u@example.com", "p");
        using var bad = await client.PutAsJsonAsync("/sim/accounts/1a2b3c/fault", new { fault = "on-fire" });
        using var delete = await client.DeleteAsync("/sim/accounts/1a2b3c");
        var gone = XDocument.Parse(await Relay.DemandAsync(client, simulator, "1a2b3c", "u@example.com", "p"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fault.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal("Error", gone.Root!.Name.LocalName);
        Assert.Equal(3, simulator.RequestsFor("1a2b3c").Count);
    }
}

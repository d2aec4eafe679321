using Rainforest.Security.Tests.Fixtures;

namespace Rainforest.Security.Tests.Dashboard;

/// <summary>In the demo the dashboard opens without a key for the person at the machine, and for nobody else.</summary>
[Collection(LoopbackDemoSilo.Collection)]
public sealed class DashboardLoopbackTests(LoopbackDemoSilo fixture)
{
    [Fact]
    public async Task On_loopback_the_dashboard_opens_without_a_key_but_the_api_does_not()
    {
        using var local = fixture.Silo.CreateClient(apiKey: null);
        var page = await local.SendAsync(DashboardRequests.Page());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/dashboard/DashboardCounters")).StatusCode);

        await Problems.AssertAsync(await local.GetAsync("/api/users"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task From_another_address_the_dashboard_still_wants_the_key()
    {
        // The silo listens on a non-loopback address of this machine: a request there comes from that address.
        var remote = fixture.NonLoopbackAddress;
        Assert.True(remote is not null, "this machine has no non-loopback IPv4 address to test from");

        using var browser = fixture.Silo.CreateClient(apiKey: null, baseAddress: remote);
        var response = await browser.SendAsync(DashboardRequests.Page());
        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
        await Problems.AssertAsync(await browser.GetAsync("/dashboard/DashboardCounters"), HttpStatusCode.Unauthorized);

        var withKey = await browser.SendAsync(DashboardRequests.Page(basicPassword: SiloProcess.ApiKey));
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }
}

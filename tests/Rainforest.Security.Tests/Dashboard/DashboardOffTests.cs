using Rainforest.Security.Tests.Fixtures;

namespace Rainforest.Security.Tests.Dashboard;

/// <summary>
/// Without <c>Rainforest:Dashboard:Enabled</c> a silo carries no dashboard (its collectors would cost CPU while
/// nobody looks): <c>/dashboard</c> says how to turn it on, and only to a caller with a key.
/// </summary>
public sealed class DashboardOffTests : IAsyncLifetime
{
    private readonly TestRoot _root = new("dashboard-off");
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = SecuritySilo.Create(_root.Path, "silo", new Dictionary<string, string> { ["Rainforest:Dashboard:Enabled"] = "false" });
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task An_off_dashboard_is_a_404_problem_that_names_the_switch_and_still_wants_the_key()
    {
        using var browser = _silo.CreateClient(apiKey: null);
        foreach (var path in new[] { "/dashboard/", "/dashboard/DashboardCounters" })
        {
            await Problems.AssertAsync(await browser.SendAsync(DashboardRequests.Page(path)), HttpStatusCode.Unauthorized);
            var off = await Problems.AssertAsync(await browser.SendAsync(DashboardRequests.Page(path, basicPassword: SiloProcess.ApiKey)),
                HttpStatusCode.NotFound);
            Assert.Contains("Rainforest:Dashboard:Enabled=true", off.GetProperty("detail").GetString());
        }

        // The rest of the silo does not depend on it.
        using var api = _silo.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/metrics")).StatusCode);
    }
}

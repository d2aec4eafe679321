using Rainforest.Security.Tests.Fixtures;

namespace Rainforest.Security.Tests.Dashboard;

/// <summary>Outside the demo the dashboard, pages and data alike, wants the API key (as the Basic-auth password in a browser).</summary>
[Collection(KeyedSilo.Collection)]
public sealed class DashboardKeyTests(KeyedSilo fixture)
{
    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/index.html")]
    [InlineData("/dashboard/DashboardCounters")]
    [InlineData("/dashboard/GrainState?grainId=0a0a0a&grainType=Rainforest.Grains.Users.UserGrain")]
    [InlineData("/dashboard/Trace")]
    public async Task Without_a_key_the_dashboard_is_a_401_that_asks_the_browser_for_basic_credentials(string path)
    {
        using var browser = fixture.Silo.CreateClient(apiKey: null);
        var response = await browser.SendAsync(DashboardRequests.Page(path));
        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");

        var wrong = await browser.SendAsync(DashboardRequests.Page(path, basicPassword: "not-the-key"));
        await Problems.AssertAsync(wrong, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Any_user_name_with_an_api_key_as_the_password_opens_it()
    {
        using var browser = fixture.Silo.CreateClient(apiKey: null);
        foreach (var (user, key) in new[] { ("anyone", SiloProcess.ApiKey), ("operator", KeyedSilo.RotatedKey) })
        {
            var page = await browser.SendAsync(DashboardRequests.Page(basicPassword: key, user: user));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var data = await browser.SendAsync(DashboardRequests.Page("/dashboard/DashboardCounters", basicPassword: key, user: user));
            Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        }

        using var withHeader = fixture.Silo.CreateClient(SiloProcess.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await withHeader.GetAsync("/dashboard/DashboardCounters")).StatusCode);
    }

    [Fact]
    public async Task Once_opened_the_dashboard_shows_the_silo_and_its_activations()
    {
        using var browser = fixture.Silo.CreateClient(SiloProcess.ApiKey);
        // The dashboard fills its counters from its first collection after it is opened, about a second later.
        var counters = await Eventually.Until(
            async () => JsonDocument.Parse(await browser.GetStringAsync("/dashboard/DashboardCounters")).RootElement,
            c => c.GetProperty("totalActiveHostCount").GetInt32() > 0, TimeSpan.FromSeconds(30), "the dashboard's first collection");
        Assert.Equal(1, counters.GetProperty("totalActiveHostCount").GetInt32());
        Assert.Equal(1, counters.GetProperty("hosts").GetArrayLength());
        Assert.True(counters.GetProperty("totalActivationCount").GetInt32() > 0, counters.ToString());
    }
}

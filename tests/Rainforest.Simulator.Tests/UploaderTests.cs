using Rainforest.Testing;

namespace Rainforest.Simulator.Tests;

/// <summary>The uploader mode: an account pushes envelopes of its readings to a URL, set through the control routes.</summary>
public sealed class UploaderTests
{
    [Fact]
    public async Task An_account_set_to_upload_posts_right_away_and_then_every_period_until_stopped()
    {
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true });
        using var client = new HttpClient { BaseAddress = simulator.BaseUrl };
        // Any HTTP endpoint will do as the target; the simulator's own relay path answers every POST.
        var target = new Uri(simulator.BaseUrl, "/cgi-bin/post_manager").ToString();

        using var badUrl = await client.PutAsJsonAsync("/sim/accounts/00a001/uploader", new { url = "file:///etc/passwd", everySeconds = 1 });
        using var badPeriod = await client.PutAsJsonAsync("/sim/accounts/00a001/uploader", new { url = target, everySeconds = 0 });
        using var started = await client.PutAsJsonAsync("/sim/accounts/00a001/uploader", new { url = target, everySeconds = 0.2 });

        Assert.Equal(HttpStatusCode.BadRequest, badUrl.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        // The uploads run on their own timer; their count is what the test can watch.
        await Eventually.Until(() => simulator.Uploaders.Find("00a001") is { Sent: >= 3 }, TimeSpan.FromSeconds(20), "three uploads");
        using var shown = await client.GetAsync("/sim/accounts/00a001/uploader");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains(target, await shown.Content.ReadAsStringAsync());

        using var stopped = await client.DeleteAsync("/sim/accounts/00a001/uploader");
        using var gone = await client.GetAsync("/sim/accounts/00a001/uploader");
        Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task An_unknown_account_cannot_upload()
    {
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions());
        using var client = new HttpClient { BaseAddress = simulator.BaseUrl };

        using var response = await client.PutAsJsonAsync("/sim/accounts/00a002/uploader", new { url = "http://127.0.0.1:1/", everySeconds = 1 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

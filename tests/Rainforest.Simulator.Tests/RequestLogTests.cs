using Rainforest.Simulator.Recording;
namespace Rainforest.Simulator.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task Each_request_is_recorded_with_times_and_outcome()
    {
        var clock = Relay.Clock();
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { TimeProvider = clock });
        simulator.Accounts.Add("00c0de", "log@example.com", "pw");
        using var client = new HttpClient();
        var start = clock.GetUtcNow().ToUnixTimeMilliseconds();

        (await Relay.PostAsync(client, simulator, "00c0de", "log@example.com", "pw")).Dispose();
        clock.Advance(TimeSpan.FromSeconds(6));
        (await Relay.PostAsync(client, simulator, "00c0de", "log@example.com", "wrong")).Dispose();
        clock.Advance(TimeSpan.FromSeconds(6));
        (await Relay.PostAsync(client, simulator, "00c0de", "log@example.com", "pw")).Dispose();

        var requests = simulator.RequestsFor("00C0DE");
        Assert.Equal([start, start + 6000, start + 12000], requests.Select(r => r.ReceivedUnixMs));
        Assert.Equal(
            [SimulatedOutcome.Reading, SimulatedOutcome.AuthFailed, SimulatedOutcome.Reading],
            requests.Select(r => r.Outcome));
        Assert.All(requests, r => Assert.Equal(r.ReceivedUnixMs, r.AnsweredUnixMs));

        var stats = simulator.Stats;
        Assert.Equal(3, stats.Requests);
        Assert.Equal(2, stats.Count(SimulatedOutcome.Reading));
        Assert.Equal(1, stats.AccountsSeen);
        Assert.Equal(1, stats.MaxConcurrentPerAccount);

        var overHttp = await client.GetFromJsonAsync<JsonElement>(new Uri(simulator.BaseUrl, "/sim/accounts/00c0de/requests"));
        Assert.Equal(3, overHttp.GetArrayLength());
        Assert.Equal("auth-failed", overHttp[1].GetProperty("outcome").GetString());
        var totals = await client.GetFromJsonAsync<JsonElement>(new Uri(simulator.BaseUrl, "/sim/stats"));
        Assert.Equal(3, totals.GetProperty("requests").GetInt64());
        Assert.Equal(1, totals.GetProperty("maxConcurrentPerAccount").GetInt32());
    }
}

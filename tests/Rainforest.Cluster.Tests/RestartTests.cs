using System.Net;
using System.Net.Http.Json;
using Rainforest.Simulator.Accounts;

namespace Rainforest.Cluster.Tests;

/// <summary>One silo on Redis with many registered users, stopped and started again on the same disk.</summary>
public sealed class RestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_restarted_silo_polls_every_registered_user_again_within_a_minute_on_their_own_slots()
    {
        var users = TestUsers.Make(600, seed: 7);
        await using var cluster = await ClusterUnderTest.StartAsync(silos: 1);
        using (var api = cluster.Gateway.CreateClient())
        {
            api.Timeout = TimeSpan.FromMinutes(3);
            var response = await api.PostAsJsonAsync("/api/users", users.Select(id =>
                new { cloud_id = id, user_email = SimulatedAccount.DefaultUser(id), user_pw = SimulatedAccount.DefaultPassword(id) }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await cluster.WaitUntilPolledAsync(users, times: 1, DateTimeOffset.MinValue, TimeSpan.FromSeconds(60));

        var silo = cluster.Silos[0];
        await silo.StopAsync();
        var restarted = DateTimeOffset.UtcNow;
        await silo.StartAsync();

        // Every user is polled again within a minute of the start, by the directory's wake alone.
        await cluster.WaitUntilPolledAsync(users, times: 1, restarted, TimeSpan.FromSeconds(60));

        // Each user's polls stay on its own slots across the restart: none polled twice, one request at a time. How
        // late the first polls leave is measured by the benchmark (restart mode), not asserted on a shared machine.
        var lateness = new List<TimeSpan>();
        foreach (var id in users)
        {
            var timeline = cluster.Timeline(id);
            cluster.Check(timeline.SlotsPolledTwice.Count == 0, () => $"{id} polled twice in a slot: {timeline}");
            var first = timeline.FirstAfter(restarted)!.Value;
            lateness.Add(first - timeline.Slots[timeline.Received.ToList().IndexOf(first)]);
        }
        lateness.Sort();
        output.WriteLine($"every user polled again {(users.Max(id => cluster.Timeline(id).FirstAfter(restarted)!.Value) - restarted).TotalSeconds:F1} s "
            + $"after the start; first polls after their slots: median {lateness[lateness.Count / 2].TotalMilliseconds:F0} ms, max {lateness[^1].TotalMilliseconds:F0} ms");
        Assert.Equal(1, cluster.Simulator.Stats.MaxConcurrentPerAccount);
    }
}

using System.Net;
using System.Net.Http.Json;
using Rainforest.Simulator.Accounts;

namespace Rainforest.Cluster.Tests;

/// <summary>One silo on Redis with many registered users, stopped and started again on the same disk.</summary>
public sealed class RestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_restarted_silo_polls_every_registered_user_again_each_first_poll_on_its_own_slot()
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
        var firstPolls = users.Select(id => (Id: id, Timeline: cluster.Timeline(id))).ToList();
        output.WriteLine($"every user polled again {(firstPolls.Max(u => u.Timeline.FirstAfter(restarted)!.Value) - restarted).TotalSeconds:F1} s after the start");

        // Each first poll left on one of the user's slots, not late after it, and no slot was polled twice.
        foreach (var (id, timeline) in firstPolls)
        {
            var first = timeline.FirstAfter(restarted)!.Value;
            var slot = timeline.Slots[timeline.Received.ToList().IndexOf(first)];
            cluster.Check(first - slot < TimeSpan.FromSeconds(1), () => $"{id}'s first poll after the start came {(first - slot).TotalMilliseconds:F0} ms after its slot: {timeline}");
            cluster.Check(timeline.SlotsPolledTwice.Count == 0, () => $"{id} polled twice in a slot: {timeline}");
        }
        Assert.Equal(1, cluster.Simulator.Stats.MaxConcurrentPerAccount);
    }
}

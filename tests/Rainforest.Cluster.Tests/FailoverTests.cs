using System.Diagnostics;
using System.Net;

namespace Rainforest.Cluster.Tests;

/// <summary>
/// Three silo processes and the gateway on this machine, real Redis: a silo killed without warning, then started
/// again on the same disk, when it takes its share of the users back.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FailoverDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_killed_silo_s_users_poll_again_on_the_survivors_within_90_s_and_never_twice_in_a_slot()
    {
        var started = Stopwatch.StartNew();
        var users = TestUsers.Make(30, seed: 1);
        await using var cluster = await ClusterUnderTest.StartAsync(silos: 3);
        output.WriteLine($"3 silos and the gateway ready after {started.Elapsed.TotalSeconds:F0} s");

        var registered = DateTimeOffset.UtcNow;
        await cluster.RegisterAsync(users);
        await cluster.WaitUntilPolledAsync(users, times: 2, registered, TimeSpan.FromSeconds(60));

        var bySilo = cluster.UsersBySilo(users);
        output.WriteLine("users per silo: " + string.Join(", ", cluster.Silos.Select(s => bySilo.GetValueOrDefault(s)?.Count ?? 0)));
        cluster.Check(cluster.Silos.All(bySilo.ContainsKey), () => "every silo polls some users");

        var victim = bySilo.MaxBy(kv => kv.Value.Count).Key;
        var victimUsers = bySilo[victim];
        using var api = cluster.Gateway.CreateClient();
        await using var probe = GatewayProbe.Start(api, $"/api/users/{victimUsers[0]}");

        var killedAt = DateTimeOffset.UtcNow;
        await victim.KillAsync();
        output.WriteLine($"killed silo {cluster.Silos.ToList().IndexOf(victim)} (pid {victim.ProcessId}) with {victimUsers.Count} users at {killedAt:HH:mm:ss.fff}");

        // Every user is polled again, by the survivors, within 90 s of the kill.
        await cluster.WaitUntilAsync(() => users.All(id => cluster.Timeline(id).FirstAfter(killedAt) is not null), FailoverDeadline,
            "every user polled again after the kill");
        var recovery = victimUsers.Max(id => cluster.Timeline(id).FirstAfter(killedAt)!.Value - killedAt);
        output.WriteLine($"the killed silo's users polled again at most {recovery.TotalSeconds:F1} s after the kill");
        Assert.True(recovery <= FailoverDeadline, $"recovery took {recovery}");

        // Steady again: two more polls each; the gateway answered throughout, with the user or a clear 503.
        await cluster.WaitUntilPolledAsync(users, times: 2, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30));
        var answers = await probe.StopAsync();
        output.WriteLine("gateway answers during failover: " + string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{(int)g.Key}×{g.Count()}")));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"gateway answered {(int)a.Status}"));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.Equal("application/problem+json", a.ContentType));
        Assert.Equal(HttpStatusCode.OK, answers[^1].Status);

        foreach (var id in victimUsers)
        {
            var host = cluster.HostOf(id);
            Assert.True(host is not null && host != victim, $"{id} is polled by a survivor");
        }
        foreach (var id in users)
        {
            var timeline = cluster.Timeline(id);
            cluster.Check(timeline.SlotsPolledTwice.Count == 0, () => $"{id} polled twice in a slot: {timeline}");
        }
        Assert.Equal(1, cluster.Simulator.Stats.MaxConcurrentPerAccount);

        // The killed silo comes back with the same disk and ports: it joins and the others give it its share.
        var restarted = DateTimeOffset.UtcNow;
        await victim.StartAsync();
        await cluster.WaitUntilAsync(() => users.Any(id => cluster.HostOf(id) == victim && cluster.Timeline(id).CountAfter(restarted) > 0),
            TimeSpan.FromSeconds(40), "the restarted silo polls some users again");
        await cluster.WaitUntilPolledAsync(users, times: 2, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30));
        var rejoined = cluster.UsersBySilo(users);
        output.WriteLine("users per silo after the restart: " + string.Join(", ", cluster.Silos.Select(s => rejoined.GetValueOrDefault(s)?.Count ?? 0)));
        foreach (var id in users)
        {
            var timeline = cluster.Timeline(id);
            cluster.Check(timeline.SlotsPolledTwice.Count == 0, () => $"{id} polled twice in a slot: {timeline}");
            var since = timeline.Received.Where(r => r > restarted).ToList();
            var longest = since.Zip(since.Skip(1), (a, b) => b - a).DefaultIfEmpty().Max();
            cluster.Check(longest < TimeSpan.FromSeconds(13), () => $"{id} moved to the new silo with a gap of {longest}: {timeline}");
        }

        // The dashboard, as a client on the gateway, behind the API key (a browser sends it as the Basic-auth password).
        using var anonymous = cluster.Gateway.CreateClient(apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/")).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("ops:" + SiloProcess.ApiKey)));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/dashboard/")).StatusCode);
        output.WriteLine($"done in {started.Elapsed.TotalSeconds:F0} s");
    }
}

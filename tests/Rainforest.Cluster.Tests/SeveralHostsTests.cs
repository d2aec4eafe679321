using System.Diagnostics;

namespace Rainforest.Cluster.Tests;

/// <summary>
/// Silos on hosts of their own: each in a network namespace with its own address, joined by a bridge on which
/// Redis and the simulator listen. One host is cut off mid-run; its users fail over to the others.
/// </summary>
public sealed class SeveralHostsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FailoverDeadline = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task Silos_on_hosts_of_their_own_take_over_the_users_of_a_host_cut_off_from_the_others()
    {
        var started = Stopwatch.StartNew();
        var (lab, refused) = await NetworkLab.TryCreateAsync(hosts: 3);
        if (lab is null) output.WriteLine("Skipped: " + refused);
        Skip.If(lab is null, refused);

        await using var _ = lab;
        var users = TestUsers.Make(30, seed: 3);
        await using var cluster = await ClusterUnderTest.StartAsync(silos: 3, lab);
        output.WriteLine($"3 silos on {string.Join(", ", lab!.Hosts.Select(h => h.Address))} and the gateway ready after {started.Elapsed.TotalSeconds:F0} s");

        var rows = await cluster.ActiveSiloRowsAsync();
        foreach (var host in lab.Hosts)
        {
            Assert.True(rows.Any(r => r.Contains(host.Address + ":", StringComparison.Ordinal)),
                $"an active silo advertises {host.Address}; membership rows: {string.Join(", ", rows)}");
        }

        var registered = DateTimeOffset.UtcNow;
        await cluster.RegisterAsync(users);
        await cluster.WaitUntilPolledAsync(users, times: 2, registered, TimeSpan.FromSeconds(60));
        var bySilo = cluster.UsersBySilo(users);
        output.WriteLine("users per host: " + string.Join(", ", cluster.Silos.Select(s => $"{s.Host.Address}={bySilo.GetValueOrDefault(s)?.Count ?? 0}")));
        cluster.Check(cluster.Silos.All(bySilo.ContainsKey), () => "every host polls some users");

        var victim = bySilo.MaxBy(kv => kv.Value.Count).Key;
        var victimUsers = bySilo[victim];
        var cutAt = DateTimeOffset.UtcNow;
        await lab.CutOffAsync(victim.Host);
        output.WriteLine($"cut off {victim.Host.Address} with {victimUsers.Count} users at {cutAt:HH:mm:ss.fff}");

        await cluster.WaitUntilAsync(() => victimUsers.All(id => cluster.Timeline(id).FirstAfter(cutAt) is not null), FailoverDeadline,
            "the cut-off host's users polled again");
        var recovery = victimUsers.Max(id => cluster.Timeline(id).FirstAfter(cutAt)!.Value - cutAt);
        output.WriteLine($"the cut-off host's users polled again at most {recovery.TotalSeconds:F1} s after the cut");

        await cluster.WaitUntilPolledAsync(users, times: 2, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30));
        foreach (var id in victimUsers)
        {
            var host = cluster.HostOf(id);
            Assert.True(host is not null && host != victim, $"{id} is polled by a host still connected");
        }
        foreach (var id in users)
        {
            var timeline = cluster.Timeline(id);
            cluster.Check(timeline.SlotsPolledTwice.Count == 0, () => $"{id} polled twice in a slot: {timeline}");
        }
        Assert.Equal(1, cluster.Simulator.Stats.MaxConcurrentPerAccount);
        output.WriteLine($"done in {started.Elapsed.TotalSeconds:F0} s");
    }
}

using System.Diagnostics;
using System.Net;
using Rainforest.Simulator.Recording;

namespace Rainforest.Cluster.Tests;

/// <summary>
/// Three silos, one stopped gracefully: its users move within one poll. Then the others stop: the gateway answers
/// 503, and every user-hour ends up in one object holding every reading, whichever silos wrote its parts.
/// </summary>
public sealed class GracefulStopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_stopped_silo_s_users_move_with_no_gap_beyond_one_poll_and_its_hour_parts_are_merged()
    {
        var started = Stopwatch.StartNew();
        var users = TestUsers.Make(30, seed: 2);
        await using var cluster = await ClusterUnderTest.StartAsync(silos: 3, withS3: true);
        var registered = DateTimeOffset.UtcNow;
        await cluster.RegisterAsync(users);
        await cluster.WaitUntilPolledAsync(users, times: 2, registered, TimeSpan.FromSeconds(60));

        var bySilo = cluster.UsersBySilo(users);
        var victim = bySilo.MaxBy(kv => kv.Value.Count).Key;
        var victimUsers = bySilo[victim];

        var stopping = DateTimeOffset.UtcNow;
        await victim.StopAsync();
        var stopped = DateTimeOffset.UtcNow;
        output.WriteLine($"stopped silo {cluster.Silos.ToList().IndexOf(victim)} with {victimUsers.Count} users in {(stopped - stopping).TotalSeconds:F1} s");

        await cluster.WaitUntilPolledAsync(users, times: 2, stopped, TimeSpan.FromSeconds(40));
        foreach (var id in victimUsers)
        {
            var host = cluster.HostOf(id);
            Assert.True(host is not null && host != victim, $"{id} is polled by another silo");
        }
        var worst = users.Select(cluster.Timeline).MaxBy(t => t.LongestGap)!;
        output.WriteLine($"longest gap between two polls of any user: {worst.LongestGap.TotalSeconds:F2} s ({worst.CloudId})");
        foreach (var timeline in users.Select(cluster.Timeline))
        {
            // At most one slot missed: a gap of 12 s on the schedule (plus the ms a poll arrives after its slot).
            cluster.Check(timeline.LongestSlotStep <= 2 && timeline.LongestGap < TimeSpan.FromSeconds(13),
                () => $"{timeline.CloudId}: a gap of {timeline.LongestGap} ({timeline.LongestSlotStep} slots): {timeline}");
            cluster.Check(timeline.SlotsPolledTwice.Count == 0, () => $"{timeline.CloudId} polled twice in a slot: {timeline}");
        }

        var archiveWired = await ArchiveIsWiredAsync(cluster.Silos.First(s => s != victim));

        // The other silos stop too (the last one keeps its users and merges in-process): every part is shipped.
        foreach (var silo in cluster.Silos.Where(s => s != victim)) await silo.StopAsync();

        // With no silo left, the gateway still answers: a clear 503 problem once its retries are spent.
        using var api = cluster.Gateway.CreateClient();
        var asked = Stopwatch.StartNew();
        var unavailable = await api.GetAsync($"/api/users/{users[0]}");
        output.WriteLine($"with every silo stopped the gateway answered {(int)unavailable.StatusCode} after {asked.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal("application/problem+json", unavailable.Content.Headers.ContentType?.MediaType);
        Assert.True(unavailable.Headers.RetryAfter is not null, "a 503 says when to retry");

        if (!archiveWired)
        {
            output.WriteLine("The silo does not ship hours to the archive (no Rainforest.Archive metrics): merged-object check not run.");
            return;
        }
        foreach (var silo in cluster.Silos)
        {
            Assert.Empty(Directory.EnumerateFiles(silo.LogsDirectory, "*.jl", SearchOption.AllDirectories));
        }
        foreach (var id in users)
        {
            var keys = await cluster.S3!.ListKeysAsync($"rainforest-logs/{id}/");
            var hours = keys.Select(k => k[^19..^6]).ToList(); // …-YYYY-MM-DD-HH.jl.gz
            Assert.Equal(hours.Distinct().Count(), keys.Count);
            var lines = 0;
            foreach (var key in keys) lines += (await cluster.S3.GetGzipLinesAsync(key))!.Count;
            var readings = cluster.Simulator.RequestsFor(id).Count(r => r.Outcome == SimulatedOutcome.Reading);
            Assert.True(readings == lines, $"{id}: {readings} readings, {lines} lines in {string.Join(", ", keys)}");
        }
        output.WriteLine($"every user's hours are single objects holding every reading; done in {started.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task<bool> ArchiveIsWiredAsync(SiloProcess silo)
    {
        using var http = silo.CreateClient(apiKey: null);
        var metrics = await http.GetStringAsync("/metrics");
        return metrics.Contains("rainforest_archive_", StringComparison.Ordinal);
    }
}

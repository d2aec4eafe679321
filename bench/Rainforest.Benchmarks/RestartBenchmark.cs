using System.Diagnostics;
using System.Net.Http.Json;
using Rainforest.Grains.Polling;
using Rainforest.Simulator;
using Rainforest.Simulator.Accounts;
using Rainforest.Testing;

/// <summary>
/// How fast a silo that starts with many registered users has them all polling again: the users are registered in
/// bulk on Redis and polled once, the silo is stopped (gracefully, or killed with <c>stop=kill</c>) and started again
/// on the same Redis and logs directory. Printed: the time from the start command until the silo is ready and until
/// every user has been polled again, users woken a second, the silo's CPU over that time, and each first poll's
/// lateness against its slot as the simulator received it.
/// </summary>
internal static class RestartBenchmark
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);

    public static async Task RunAsync(int users, int chunk, bool kill, string root)
    {
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true, RequestLogCapacity = 16 });
        await using var redis = new RedisServer();
        await redis.InitializeAsync();
        var directory = Path.Combine(root, "silo0");
        Directory.CreateDirectory(directory);
        await using var silo = new SiloProcess(directory, new Dictionary<string, string>
        {
            ["Rainforest:Eagle:CloudUrl"] = simulator.RelayUrl.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Rainforest:Api:RequestsPerMinutePerKey"] = "10000000",
            ["Orleans:ClusterId"] = "bench",
            ["Orleans:ServiceId"] = "bench",
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
        });
        await silo.StartAsync(TimeSpan.FromMinutes(3));

        var ids = Enumerable.Range(1, users).Select(i => i.ToString("x6")).ToList();
        using (var api = silo.CreateClient())
        {
            api.Timeout = TimeSpan.FromMinutes(5);
            foreach (var part in ids.Chunk(chunk))
            {
                var response = await api.PostAsJsonAsync("/api/users", part.Select(id =>
                    new { cloud_id = id, user_email = SimulatedAccount.DefaultUser(id), user_pw = SimulatedAccount.DefaultPassword(id) }));
                response.EnsureSuccessStatusCode();
            }
        }
        Console.WriteLine($"registered {users} users");
        await WaitUntilPolledAsync(simulator, ids, DateTimeOffset.MinValue, TimeSpan.FromMinutes(10));
        Console.WriteLine("every user polled once; stopping the silo" + (kill ? " (kill -9)" : ""));

        if (kill) await silo.KillAsync();
        else await silo.StopAsync();

        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await silo.StartAsync(TimeSpan.FromMinutes(3));
        var ready = clock.Elapsed;
        using var process = Process.GetProcessById(silo.ProcessId!.Value);
        await WaitUntilPolledAsync(simulator, ids, startedAt, TimeSpan.FromMinutes(10));
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        await Task.Delay(Period + Period);

        // Each user's first poll after the start, against the slot it belongs to (the slot at or before it).
        var lateness = new List<double>(users);
        var firstPolls = new List<DateTimeOffset>(users);
        foreach (var id in ids)
        {
            var first = FirstPollAfter(simulator, id, startedAt)!.Value;
            firstPolls.Add(first);
            var slot = new PollSchedule(id, Period).NextSlotAfter(first) - Period;
            lateness.Add((first - slot).TotalMilliseconds);
        }
        // The same users' second polls, once all are running: how late this machine makes any poll, for comparison.
        var steady = ids.Select(id =>
        {
            var second = FirstPollAfter(simulator, id, FirstPollAfter(simulator, id, startedAt)!.Value.AddMilliseconds(1));
            return second is { } at ? (at - (new PollSchedule(id, Period).NextSlotAfter(at) - Period)).TotalMilliseconds : double.NaN;
        }).Where(l => !double.IsNaN(l)).Order().ToList();
        lateness.Sort();
        var allPolled = firstPolls.Max() - startedAt;
        double Percentile(double p) => lateness[(int)Math.Min(lateness.Count - 1, p * lateness.Count)];
        var late = (Over: lateness.Count(l => l > 100), Max: lateness[^1]);

        Console.WriteLine($"ready after        {ready.TotalSeconds:F1} s");
        Console.WriteLine($"all polled after   {allPolled.TotalSeconds:F1} s ({users / allPolled.TotalSeconds:F0} users/s woken)");
        Console.WriteLine($"silo CPU           {cpu.TotalSeconds:F1} s in all ({cpu.TotalMilliseconds / users:F2} ms per user, start-up included)");
        Console.WriteLine($"first poll lateness p50 {Percentile(0.50):F0} ms  p99 {Percentile(0.99):F0} ms  max {late.Max:F0} ms  ({late.Over} of {users} later than 100 ms)");
        if (steady.Count > 0)
        {
            Console.WriteLine($"second poll lateness p50 {steady[steady.Count / 2]:F0} ms  p99 {steady[(int)Math.Min(steady.Count - 1, 0.99 * steady.Count)]:F0} ms  max {steady[^1]:F0} ms  ({steady.Count} users)");
        }
        var perTenSeconds = firstPolls.GroupBy(t => (int)((t - startedAt).TotalSeconds / 10)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key * 10}-{g.Key * 10 + 10}s: {g.Count()}");
        Console.WriteLine($"first polls        {string.Join(", ", perTenSeconds)}");
    }

    private static DateTimeOffset? FirstPollAfter(GatewaySimulator simulator, string id, DateTimeOffset after)
    {
        DateTimeOffset? first = null;
        foreach (var request in simulator.RequestsFor(id))
        {
            var received = DateTimeOffset.FromUnixTimeMilliseconds(request.ReceivedUnixMs);
            if (received >= after && (first is null || received < first)) first = received;
        }
        return first;
    }

    private static async Task WaitUntilPolledAsync(GatewaySimulator simulator, List<string> ids, DateTimeOffset after, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var waiting = ids;
        while (true)
        {
            waiting = waiting.Where(id => FirstPollAfter(simulator, id, after) is null).ToList();
            if (waiting.Count == 0) return;
            if (clock.Elapsed > timeout) throw new TimeoutException($"{waiting.Count} users not polled within {timeout}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using Rainforest.Grains.Polling;
using Rainforest.Simulator;
using Rainforest.Testing;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;

// Usage: dotnet run -c Release --project bench/Rainforest.Benchmarks -- [users=1000] [seconds=60] [silos=1] [redis] [faulty=0]
//        [register=single|bulk] [chunk=1000] [ids=consecutive|spread] [source=relay|local] [env.NAME=value] [--Key=value]
//        … -- push [users=1000] [seconds=30] [concurrency=32]   (uploads one silo accepts a second; see PushBenchmark)
//        … -- restart [users=10000] [chunk=1000] [stop=graceful|kill]   (a silo starting with registered users; see RestartBenchmark)
//        … -- idle [seconds=60] [settle=20] [redis] [env.NAME=value] [--Key=value]   (a silo with no users; see IdleBenchmark)
//        … -- simulator [users=100000] [seconds=20] [concurrency=64] [lean=false]   (requests/s per simulator core; see SimulatorBenchmark)
//        The polling benchmark's simulator runs in lean mode (SimulatorOptions.Lean); lean=false turns it off.
// Starts the simulator in this process and Release silo processes, registers the users over HTTP (one request per
// user, or arrays of `chunk` users to POST /api/users with register=bulk), lets them settle, then measures one
// window and prints the figures (with several silos, also how the users and the CPU spread over them); seconds=0
// stops after registering. source=local registers local users that the silo asks at the simulator's EAGLE-200
// local API (loopback allowed for the benchmark) instead of relay users. Build src/Silo in Release first.
var settings = args.Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "true");
var users = int.Parse(settings.GetValueOrDefault("users", "1000"));
var seconds = int.Parse(settings.GetValueOrDefault("seconds", "60"));
var siloCount = int.Parse(settings.GetValueOrDefault("silos", "1"));
var faulty = int.Parse(settings.GetValueOrDefault("faulty", "0"));
var bulk = settings.GetValueOrDefault("register", "single") == "bulk";
var chunk = int.Parse(settings.GetValueOrDefault("chunk", "1000"));
var spread = settings.GetValueOrDefault("ids", "consecutive") == "spread";
var local = settings.GetValueOrDefault("source", "relay") == "local";
var useRedis = settings.ContainsKey("redis") || siloCount > 1;
var period = TimeSpan.FromSeconds(6);
if (settings.ContainsKey("restart"))
{
    var restartRoot = Path.Combine(Path.GetTempPath(), "rainforest-bench-" + Guid.NewGuid().ToString("n"));
    Console.WriteLine($"restart users={users} chunk={chunk} stop={settings.GetValueOrDefault("stop", "graceful")} cores={Environment.ProcessorCount}");
    try
    {
        await RestartBenchmark.RunAsync(users, chunk, settings.GetValueOrDefault("stop") == "kill", restartRoot);
    }
    finally
    {
        try { Directory.Delete(restartRoot, true); } catch (IOException) { }
    }
    return;
}
var leanSimulator = settings.GetValueOrDefault("lean", "true") != "false";
if (settings.ContainsKey("simulator"))
{
    await SimulatorBenchmark.RunAsync(int.Parse(settings.GetValueOrDefault("users", "100000")), int.Parse(settings.GetValueOrDefault("seconds", "20")),
        int.Parse(settings.GetValueOrDefault("concurrency", "64")), leanSimulator);
    return;
}
if (settings.ContainsKey("push"))
{
    var pushRoot = Path.Combine(Path.GetTempPath(), "rainforest-bench-" + Guid.NewGuid().ToString("n"));
    var concurrency = int.Parse(settings.GetValueOrDefault("concurrency", "32"));
    Console.WriteLine($"push users={users} window={seconds}s concurrency={concurrency} cores={Environment.ProcessorCount}");
    try
    {
        await PushBenchmark.RunAsync(users, seconds, concurrency, pushRoot);
    }
    finally
    {
        try { Directory.Delete(pushRoot, true); } catch (IOException) { }
    }
    return;
}

if (settings.ContainsKey("idle"))
{
    var idleRoot = Path.Combine(Path.GetTempPath(), "rainforest-bench-" + Guid.NewGuid().ToString("n"));
    Console.WriteLine($"idle redis={useRedis} window={seconds}s cores={Environment.ProcessorCount}");
    try
    {
        await IdleBenchmark.RunAsync(settings, seconds, useRedis, idleRoot);
    }
    finally
    {
        try { Directory.Delete(idleRoot, true); } catch (IOException) { }
    }
    return;
}

Console.WriteLine($"users={users} faulty={faulty} silos={siloCount} redis={useRedis} window={seconds}s cores={Environment.ProcessorCount}"
    + (bulk ? $" register=bulk chunk={chunk}" : "") + (spread ? " ids=spread" : "") + (local ? " source=local" : ""));
await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true, RequestLogCapacity = 64, Lean = leanSimulator });
var redis = new RedisServer();
if (useRedis) await redis.InitializeAsync();
var root = Path.Combine(Path.GetTempPath(), "rainforest-bench-" + Guid.NewGuid().ToString("n"));
var silos = new List<SiloProcess>();
try
{
    for (var i = 0; i < siloCount; i++)
    {
        var config = new Dictionary<string, string>
        {
            ["Rainforest:Eagle:CloudUrl"] = simulator.RelayUrl.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Rainforest:Api:RequestsPerMinutePerKey"] = "10000000",
            ["Orleans:ClusterId"] = "bench",
            ["Orleans:ServiceId"] = "bench",
        };
        if (useRedis) config["ConnectionStrings:Redis"] = redis.ConnectionString;
        if (local) config["Rainforest:Sources:Local:AllowedNetworks:0"] = "127.0.0.0/8";
        foreach (var (key, value) in settings.Where(s => s.Key.StartsWith("--", StringComparison.Ordinal))) config[key[2..]] = value;
        var directory = Path.Combine(root, "silo" + i);
        Directory.CreateDirectory(directory);
        var silo = new SiloProcess(directory, config, environment: IdleBenchmark.SiloEnvironment(settings));
        await silo.StartAsync(TimeSpan.FromMinutes(3));
        silos.Add(silo);
    }
    var baselineRss = silos.Sum(s => Process.GetProcessById(s.ProcessId!.Value).WorkingSet64);

    // Consecutive Cloud IDs share directory shards as a fleet's do; ids=spread scatters them over all 256 shards.
    var ids = Enumerable.Range(1, users).Select(i => (spread ? (i * 0x9E3779) & 0xFFFFFF : i).ToString("x6")).ToList();
    foreach (var id in ids.TakeLast(faulty)) simulator.Accounts.SetFault(id, (Convert.ToInt32(id, 16) % 3) switch
    {
        0 => SimulatedFault.Hang,
        1 => SimulatedFault.Unavailable,
        _ => SimulatedFault.Garbage,
    });

    var siloCpuBeforeRegistering = silos.Sum(s => Process.GetProcessById(s.ProcessId!.Value).TotalProcessorTime.TotalMilliseconds);
    var benchCpuBeforeRegistering = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
    var registering = Stopwatch.StartNew();
    var clients = silos.Select(s => s.CreateClient()).ToArray();
    if (bulk)
    {
        // A chunk is answered when its last user is stored; on a loaded machine that outlasts a single request's timeout.
        foreach (var client in clients) client.Timeout = TimeSpan.FromMinutes(5);
        // One array after another, as an import sends them; each silo's API takes its share of the chunks.
        var chunks = ids.Chunk(chunk).ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Count), new ParallelOptions { MaxDegreeOfParallelism = clients.Length }, async (c, ct) =>
        {
            var body = chunks[c].Select(id => local
                ? (object)new { cloud_id = id, source = "local", gateway_url = simulator.BaseUrl.ToString(), install_code = SimulatedAccount.DefaultInstallCode(id) }
                : new { cloud_id = id, user_email = SimulatedAccount.DefaultUser(id), user_pw = SimulatedAccount.DefaultPassword(id) });
            var response = await clients[c % clients.Length].PostAsJsonAsync("/api/users", body, ct);
            response.EnsureSuccessStatusCode();
            var created = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).EnumerateArray()
                .Count(r => r.TryGetProperty("result", out var result) && result.GetString() == "created");
            if (created != chunks[c].Length) throw new InvalidOperationException($"chunk {c}: {created} of {chunks[c].Length} created");
        });
    }
    else
    {
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, ct) =>
        {
            var client = clients[Convert.ToInt32(id, 16) % clients.Length];
            var response = await client.PostAsJsonAsync($"/api/users/{id}", local
                ? (object)new { source = "local", gateway_url = simulator.BaseUrl.ToString(), install_code = SimulatedAccount.DefaultInstallCode(id) }
                : new { user_email = SimulatedAccount.DefaultUser(id), user_pw = SimulatedAccount.DefaultPassword(id) }, ct);
            response.EnsureSuccessStatusCode();
        });
    }
    var registered = registering.Elapsed;
    // CPU per user says what registering costs whatever else the machine is doing; the bench process is the client and the simulator.
    var siloCpuRegistering = silos.Sum(s => Process.GetProcessById(s.ProcessId!.Value).TotalProcessorTime.TotalMilliseconds) - siloCpuBeforeRegistering;
    var benchCpuRegistering = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - benchCpuBeforeRegistering;
    Console.WriteLine($"registered {users} users in {registered.TotalSeconds:F1}s ({users / registered.TotalSeconds:F0}/s); "
        + $"silo CPU {siloCpuRegistering / users:F2} ms per user ({siloCpuRegistering / 1000 / registered.TotalSeconds * 100:F0}% of one core), "
        + $"simulator+client CPU {benchCpuRegistering / users:F2} ms per user");
    if (seconds == 0) return;

    // Let every user reach its steady six-second cadence before measuring.
    await Task.Delay(TimeSpan.FromSeconds(Math.Max(15, users / 2000)));

    var processes = silos.Select(s => Process.GetProcessById(s.ProcessId!.Value)).ToList();
    var cpuBeforeBySilo = processes.Select(p => { p.Refresh(); return p.TotalProcessorTime.TotalMilliseconds; }).ToList();
    var requestsBefore = simulator.Stats.Requests;
    var siloPollsBefore = await SiloPollsAsync(silos);
    var windowStart = DateTimeOffset.UtcNow;
    // The pids let a profiler (dotnet-trace collect -p <pid>) be attached for the window.
    Console.WriteLine($"window opens       silo pids {string.Join(' ', processes.Select(p => p.Id))}");
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    var windowEnd = DateTimeOffset.UtcNow;
    var requests = simulator.Stats.Requests - requestsBefore;
    var siloCpu = processes.Select((p, i) => { p.Refresh(); return p.TotalProcessorTime.TotalMilliseconds - cpuBeforeBySilo[i]; }).ToList();
    var cpu = siloCpu.Sum();
    var rss = processes.Sum(p => { p.Refresh(); return p.WorkingSet64; });
    var siloPollsAfter = await SiloPollsAsync(silos);
    var siloPolls = siloPollsAfter.All - siloPollsBefore.All;
    var siloReadings = siloPollsAfter.Readings - siloPollsBefore.Readings;
    // Polls that logged no reading, by why: a silo past its limits says so here (timeouts, connections_busy, …).
    var failedPolls = siloPollsAfter.ByOutcome.Where(o => o.Key != "reading")
        .Select(o => (Outcome: o.Key, Count: o.Value - siloPollsBefore.ByOutcome.GetValueOrDefault(o.Key)))
        .Where(o => o.Count > 0).ToList();

    // Lateness of each healthy user's polls against its fixed-rate schedule, as seen by the gateway.
    // Where the users are: each silo's own gauge of the user activations it hosts.
    var perSilo = new List<(double Users, double CpuPercent)>();
    for (var i = 0; i < silos.Count; i++)
    {
        using var http = silos[i].CreateClient(apiKey: null);
        var metrics = await http.GetStringAsync("/metrics");
        var gauge = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("rainforest_users_local", StringComparison.Ordinal));
        var hosted = gauge is null ? double.NaN : double.Parse(gauge.Split(' ')[^1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        perSilo.Add((hosted, siloCpu[i] / 1000 / seconds * 100));
    }

    var lateness = new List<double>();
    foreach (var id in ids.Take(users - faulty))
    {
        var schedule = new PollSchedule(id, period);
        foreach (var request in simulator.RequestsFor(id))
        {
            var received = DateTimeOffset.FromUnixTimeMilliseconds(request.ReceivedUnixMs);
            if (received < windowStart || received > windowEnd) continue;
            var slot = schedule.NextSlotAfter(received) - period;
            lateness.Add((received - slot).TotalMilliseconds);
        }
    }
    lateness.Sort();
    double Percentile(double p) => lateness.Count == 0 ? double.NaN : lateness[(int)Math.Min(lateness.Count - 1, p * lateness.Count)];

    var expectedPolls = (users - faulty) * seconds / period.TotalSeconds;
    Console.WriteLine($"polls/s            {requests / (double)seconds:F0} (healthy users alone would make {expectedPolls / seconds:F0})");
    Console.WriteLine($"CPU per poll       {cpu / Math.Max(1, requests):F3} ms  (silo CPU {cpu / 1000 / seconds * 100:F0}% of one core)");
    // The silo's own count (rainforest.polls) still says what a poll costs when a busy machine starves the simulator.
    Console.WriteLine($"silo polls/s       {siloPolls / seconds:F0} ({siloReadings / seconds:F0} readings); CPU per silo poll {cpu / Math.Max(1, siloPolls):F3} ms");
    if (failedPolls.Count > 0)
    {
        Console.WriteLine($"polls without a reading in the window: {string.Join(", ", failedPolls.Select(o => $"{o.Outcome} {o.Count:F0}"))}");
    }
    Console.WriteLine($"memory per user    {(rss - baselineRss) / 1024.0 / users:F1} KiB  (silo RSS {rss / 1048576.0:F0} MiB)");
    Console.WriteLine($"per silo           " + string.Join(" | ", perSilo.Select((p, i) =>
        $"silo {i + 1}: {p.Users:F0} users, {p.Users / period.TotalSeconds:F0} polls/s, {p.CpuPercent:F0}% CPU")));
    Console.WriteLine($"lateness (healthy) p50 {Percentile(0.50):F0} ms  p99 {Percentile(0.99):F0} ms  max {(lateness.Count > 0 ? lateness[^1] : double.NaN):F0} ms  ({lateness.Count} polls)");
}
finally
{
    foreach (var silo in silos) await silo.DisposeAsync();
    await redis.DisposeAsync();
    try { Directory.Delete(root, true); } catch (IOException) { }
}

// The silos' rainforest.polls counters summed: every poll, and those that logged a reading.
static async Task<(double All, double Readings, Dictionary<string, double> ByOutcome)> SiloPollsAsync(IEnumerable<SiloProcess> silos)
{
    double all = 0, readings = 0;
    var byOutcome = new Dictionary<string, double>();
    foreach (var silo in silos)
    {
        using var http = silo.CreateClient(apiKey: null);
        foreach (var line in (await http.GetStringAsync("/metrics")).Split('\n'))
        {
            if (!line.StartsWith("rainforest_polls_total", StringComparison.Ordinal)) continue;
            var value = double.Parse(line.Split(' ')[^1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            all += value;
            if (line.Contains("outcome=\"reading\"", StringComparison.Ordinal)) readings += value;
            var outcome = line.IndexOf("outcome=\"", StringComparison.Ordinal) is var at and >= 0
                ? line[(at + 9)..line.IndexOf('"', at + 9)] : "?";
            byOutcome[outcome] = byOutcome.GetValueOrDefault(outcome) + value;
        }
    }
    return (all, readings, byOutcome);
}

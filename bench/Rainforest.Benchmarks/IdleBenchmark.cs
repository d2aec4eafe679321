using System.Diagnostics;
using Rainforest.Testing;

/// <summary>
/// What a silo with no users costs: a Release silo process (in-memory state, or Redis with <c>redis</c>) is
/// started, left to settle, then its CPU time is read over one window and printed as a share of one core, with
/// its resident memory. Nobody opens the dashboard or scrapes <c>/metrics</c> meanwhile, so whatever it spends
/// is the price of being up. <c>env.NAME=value</c> arguments are passed to the silo as environment variables
/// (for trying runtime settings such as <c>DOTNET_gcServer</c>).
/// </summary>
internal static class IdleBenchmark
{
    /// <summary>The silo's extra environment variables, from <c>env.NAME=value</c> arguments (any benchmark mode).</summary>
    public static Dictionary<string, string> SiloEnvironment(IReadOnlyDictionary<string, string> settings) =>
        settings.Where(s => s.Key.StartsWith("env.", StringComparison.Ordinal)).ToDictionary(s => s.Key["env.".Length..], s => s.Value);

    public static async Task RunAsync(IReadOnlyDictionary<string, string> settings, int seconds, bool useRedis, string root)
    {
        var settle = TimeSpan.FromSeconds(int.Parse(settings.GetValueOrDefault("settle", "20")));
        var environment = SiloEnvironment(settings);
        var config = new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Orleans:ClusterId"] = "bench",
            ["Orleans:ServiceId"] = "bench",
        };
        foreach (var (key, value) in settings.Where(s => s.Key.StartsWith("--", StringComparison.Ordinal))) config[key[2..]] = value;
        await using var redis = new RedisServer();
        if (useRedis)
        {
            await redis.InitializeAsync();
            config["ConnectionStrings:Redis"] = redis.ConnectionString;
        }
        var directory = Path.Combine(root, "silo0");
        Directory.CreateDirectory(directory);
        await using var silo = new SiloProcess(directory, config, environment: environment);
        await silo.StartAsync(TimeSpan.FromMinutes(3));
        Console.WriteLine($"silo pid {silo.ProcessId} started; settling {settle.TotalSeconds:F0}s"
            + (environment.Count > 0 ? " with " + string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}")) : ""));
        await Task.Delay(settle);

        using var process = Process.GetProcessById(silo.ProcessId!.Value);
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var window = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var elapsed = window.Elapsed;
        Console.WriteLine($"idle CPU           {cpu.TotalMilliseconds / elapsed.TotalMilliseconds * 100:F2}% of one core "
            + $"({cpu.TotalMilliseconds:F0} ms over {elapsed.TotalSeconds:F0} s)");
        Console.WriteLine($"silo RSS           {process.WorkingSet64 / 1048576.0:F0} MiB, {process.Threads.Count} threads");
    }
}

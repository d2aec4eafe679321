using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Orleans.TestingHost;
using Rainforest.Archive.Hosting;

namespace Rainforest.Archive.Tests.Support;

/// <summary>
/// An in-process cluster whose silos each ship their own logs directory through the real archive code,
/// on a shared fake clock (Orleans' own loops stay on real time).
/// </summary>
public sealed class ArchiveCluster : IAsyncDisposable
{
    static ArchiveCluster()
    {
        // The SDK's standard credential chain finds these; s3rver accepts its built-in account.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", S3Server.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", S3Server.SecretKey);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    private ArchiveCluster(FakeTimeProvider clock, string root)
    {
        Clock = clock;
        Root = root;
    }

    public FakeTimeProvider Clock { get; }
    public FakeLogCollector Logs { get; } = new();
    public string Root { get; }
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public string ArchiveDirectory => Path.Combine(Root, "archive");

    /// <summary>The settings a test shipping to <paramref name="s3"/> starts from.</summary>
    public static Dictionary<string, string?> S3Settings(S3Server s3, string prefix, string? serviceUrl = null) => new()
    {
        ["Rainforest:Archive:Bucket"] = s3.Bucket,
        ["Rainforest:Archive:ServiceUrl"] = serviceUrl ?? s3.ServiceUrl,
        ["Rainforest:Archive:Prefix"] = prefix,
    };

    public static string NewPrefix() => "t-" + Guid.NewGuid().ToString("n")[..12];

    /// <summary>
    /// Lays out each silo's logs directory first (<paramref name="prepare"/>: as a previous run left it),
    /// then starts the silos, whose shippers run their first pass at once. <paramref name="configureSilo"/> adds
    /// what a test hosts beside the archive (e.g. polling users).
    /// </summary>
    public static async Task<ArchiveCluster> StartAsync(DateTimeOffset now, IDictionary<string, string?> settings, int silos = 1,
        Action<string, IServiceCollection>? services = null, Action<int, string>? prepare = null, Action<ISiloBuilder>? configureSilo = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "rainforest-archive-" + Guid.NewGuid().ToString("n"));
        var cluster = new ArchiveCluster(new FakeTimeProvider(now), root);
        for (var i = 0; i < silos; i++) prepare?.Invoke(i, cluster.LogsDirectory(i));

        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((options, silo) =>
        {
            var logs = Path.Combine(root, "logs-" + options.SiloName);
            var values = new Dictionary<string, string?>(settings)
            {
                ["Rainforest:Logs:Directory"] = logs,
                ["Rainforest:Archive:Directory"] = cluster.ArchiveDirectory,
                ["Rainforest:Archive:ShipDelay"] = "00:00:45",
                ["Rainforest:Archive:RetryInitialDelay"] = "00:00:01",
                ["Rainforest:Archive:RetryMaxDelay"] = "00:00:04",
                ["Rainforest:Archive:StatusReportInterval"] = "00:00:05",
                ["Rainforest:Archive:ShutdownTimeout"] = "00:00:20",
            };
            foreach (var (key, value) in settings) values[key] = value;
            silo.AddRainforestArchive(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
            silo.Services.AddSingleton<TimeProvider>(cluster.Clock);
            silo.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(cluster.Logs));
            silo.Services.AddLogging(logging => logging.AddFilter("Rainforest", LogLevel.Debug));
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            services?.Invoke(options.SiloName, silo.Services);
            configureSilo?.Invoke(silo);
        });
        cluster.Cluster = builder.Build();
        await cluster.Cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The logs directory of silo instance <paramref name="silo"/> (the test cluster names it Silo_n).</summary>
    public string LogsDirectory(int silo) => Path.Combine(Root, $"logs-Silo_{silo}");

    public InProcessSiloHandle Silo(int silo) => Cluster.Silos.Single(s => s.InstanceNumber == silo);

    public HourShipper Shipper(int silo) => Silo(silo).ServiceProvider.GetRequiredService<HourShipper>();

    public ShippingBacklog Backlog(int silo) => Silo(silo).ServiceProvider.GetRequiredService<ShippingBacklog>();

    /// <summary>What <typeparamref name="T"/> logged at <paramref name="atLeast"/> or above, on any silo.</summary>
    public IEnumerable<FakeLogRecord> LogsOf<T>(LogLevel atLeast = LogLevel.Trace) =>
        Logs.GetSnapshot().Where(e => e.Category == typeof(T).FullName && e.Level >= atLeast);

    public Task<ArchiveStatus> StatusAsync() => Grains.ArchiveStatus().GetAsync();

    /// <summary>Moves the fake clock forward in steps, letting whatever each step wakes run before the next.</summary>
    public async Task AdvanceAsync(TimeSpan by, TimeSpan? step = null)
    {
        var stride = step ?? TimeSpan.FromSeconds(1);
        for (var moved = TimeSpan.Zero; moved < by; moved += stride)
        {
            var next = by - moved < stride ? by - moved : stride;
            await Task.Run(() => Clock.Advance(next));
            await Task.Yield();
        }
    }

    /// <summary>
    /// Advances the fake clock a second at a time until <paramref name="condition"/> holds, within a real-time
    /// deadline (the effect is an upload to a real server, so there is no signal to await).
    /// </summary>
    public async Task AdvanceUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        await Eventually.Until(async () =>
        {
            if (await condition()) return true;
            await Task.Run(() => Clock.Advance(TimeSpan.FromSeconds(1)));
            return false;
        }, deadline, what);
    }

    public static AWSCredentials WrongCredentials() => new BasicAWSCredentials("NOBODY", "wrong-secret");

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

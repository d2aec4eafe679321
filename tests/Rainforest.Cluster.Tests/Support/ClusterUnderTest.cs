using System.Net;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;
using Rainforest.Simulator.Accounts;

namespace Rainforest.Cluster.Tests.Support;

/// <summary>
/// A cluster of real processes: redis-server, the gateway simulator (in this process), silo processes (on this
/// machine's loopback or each in a network namespace of a <see cref="NetworkLab"/>), the standalone API gateway,
/// and optionally the S3 server the silos ship to. Tests drive it through the gateway and read what the
/// simulator received and what the silos wrote. <c>CLUSTER_TEST_DEBUG=Category,Category</c> turns on Debug
/// logging of those categories in the silos (shown with a failure).
/// </summary>
public sealed class ClusterUnderTest : IAsyncDisposable
{
    public const string ClusterId = "cluster-tests";

    private readonly List<SiloProcess> _silos = [];

    private ClusterUnderTest(RedisServer redis, GatewaySimulator simulator, S3Server? s3, string root, string serverAddress)
    {
        Redis = redis;
        Simulator = simulator;
        S3 = s3;
        Root = root;
        ServerAddress = serverAddress;
    }

    public RedisServer Redis { get; }
    public GatewaySimulator Simulator { get; }
    public S3Server? S3 { get; }
    public string Root { get; }
    public IReadOnlyList<SiloProcess> Silos => _silos;
    public GatewayProcess Gateway { get; private set; } = null!;

    /// <summary>Where the silos reach Redis and the simulator: loopback, or the lab's bridge.</summary>
    private string ServerAddress { get; }

    /// <summary>Starts the servers, <paramref name="silos"/> silos at once, then the gateway; returns when all are ready.</summary>
    public static async Task<ClusterUnderTest> StartAsync(int silos, NetworkLab? lab = null, bool withS3 = false)
    {
        var serverAddress = lab?.BridgeAddress ?? "127.0.0.1";
        var redis = lab is null ? new RedisServer() : new RedisServer(lab.BridgeAddress);
        await redis.InitializeAsync();
        var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true, BindAddress = serverAddress });
        S3Server? s3 = null;
        if (withS3)
        {
            s3 = new S3Server();
            await s3.InitializeAsync();
        }
        var root = Path.Combine(Path.GetTempPath(), "rainforest-cluster-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(root);

        var cluster = new ClusterUnderTest(redis, simulator, s3, root, serverAddress);
        try
        {
            for (var i = 0; i < silos; i++) cluster.AddSilo(lab?.Hosts[i]);
            await Task.WhenAll(cluster._silos.Select(s => s.StartAsync(TimeSpan.FromMinutes(3))));
            var gatewaySettings = new Dictionary<string, string>
            {
                ["Orleans:ClusterId"] = ClusterId,
                ["Orleans:ServiceId"] = ClusterId,
                ["Rainforest:Api:RequestsPerMinutePerKey"] = "100000",
                ["Rainforest:Dashboard:Enabled"] = "true",
            };
            var gatewayEnvironment = new Dictionary<string, string>();
            if (s3 is not null)
            {
                // The gateway reads the same archive the silos ship to (the readings routes).
                gatewaySettings["Rainforest:Archive:Bucket"] = s3.Bucket;
                gatewaySettings["Rainforest:Archive:ServiceUrl"] = s3.ServiceUrl;
                gatewayEnvironment["AWS_ACCESS_KEY_ID"] = S3Server.AccessKey;
                gatewayEnvironment["AWS_SECRET_ACCESS_KEY"] = S3Server.SecretKey;
            }
            cluster.Gateway = new GatewayProcess(redis.ConnectionStringAt(serverAddress), gatewaySettings, environment: gatewayEnvironment);
            await cluster.Gateway.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public SiloProcess AddSilo(ProcessHost? host = null)
    {
        var directory = Path.Combine(Root, "silo" + _silos.Count);
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = Redis.ConnectionStringAt(ServerAddress),
            ["Orleans:ClusterId"] = ClusterId,
            ["Orleans:ServiceId"] = ClusterId,
            ["Rainforest:Eagle:CloudUrl"] = Simulator.RelayUrl.ToString(),
            ["Rainforest:Eagle:RequestTimeout"] = "00:00:04",
            ["Rainforest:Api:RequestsPerMinutePerKey"] = "100000",
            ["Rainforest:Dashboard:Enabled"] = "true",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        };
        if (host is not null) settings["Orleans:Endpoints:AdvertisedIPAddress"] = host.Address;
        if (Environment.GetEnvironmentVariable("CLUSTER_TEST_DEBUG") is { Length: > 0 } debug)
        {
            foreach (var category in debug.Split(',')) settings[$"Logging:LogLevel:{category}"] = "Debug";
        }
        var environment = new Dictionary<string, string>();
        if (S3 is not null)
        {
            settings["Rainforest:Archive:Bucket"] = S3.Bucket;
            settings["Rainforest:Archive:ServiceUrl"] = S3.ServiceUrl;
            environment["AWS_ACCESS_KEY_ID"] = S3Server.AccessKey;
            environment["AWS_SECRET_ACCESS_KEY"] = S3Server.SecretKey;
        }
        var silo = new SiloProcess(directory, settings, host, environment);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Registers every user through the gateway (each a 201).</summary>
    public async Task RegisterAsync(IReadOnlyList<string> users)
    {
        using var api = Gateway.CreateClient();
        foreach (var id in users)
        {
            var body = JsonSerializer.Serialize(new { user_email = SimulatedAccount.DefaultUser(id), user_pw = SimulatedAccount.DefaultPassword(id) });
            var response = await api.PostAsync($"/api/users/{id}", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.Created,
                $"POST /api/users/{id} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public PollTimeline Timeline(string cloudId) => PollTimeline.Of(Simulator, cloudId);

    /// <summary>Waits until every user has been polled at least <paramref name="times"/> times after <paramref name="since"/>.</summary>
    public Task WaitUntilPolledAsync(IEnumerable<string> users, int times, DateTimeOffset since, TimeSpan timeout) =>
        WaitUntilAsync(() => users.All(id => Timeline(id).CountAfter(since) >= times), timeout,
            $"every user polled {times} times after {since:HH:mm:ss.fff}");

    /// <summary>The silo that wrote the user's most recent hour-file line: the one polling it now.</summary>
    public SiloProcess? HostOf(string cloudId) => _silos
        .Select(silo => (Silo: silo, Written: LastWrite(silo, cloudId)))
        .Where(x => x.Written is not null)
        .MaxBy(x => x.Written)
        .Silo;

    public Dictionary<SiloProcess, List<string>> UsersBySilo(IEnumerable<string> users) => users
        .Select(id => (Id: id, Silo: HostOf(id)))
        .Where(x => x.Silo is not null)
        .GroupBy(x => x.Silo!)
        .ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToList());

    /// <summary>The silo addresses the membership table in Redis lists as active (status 3).</summary>
    public async Task<IReadOnlyList<string>> ActiveSiloRowsAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        var server = connection.GetServers()[0];
        var rows = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            if (await connection.GetDatabase().KeyTypeAsync(key) != RedisType.Hash) continue;
            foreach (var entry in await connection.GetDatabase().HashGetAllAsync(key))
            {
                var value = entry.Value.ToString();
                if (value.Contains("\"Status\":3", StringComparison.Ordinal) || value.Contains("\"Status\":\"Active\"", StringComparison.Ordinal))
                {
                    rows.Add(entry.Name.ToString());
                }
            }
        }
        return rows;
    }

    /// <summary>Waits for an effect in the processes; a timeout fails with what they printed meanwhile.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        try
        {
            await Eventually.Until(condition, timeout, what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\n" + Diagnostics(), ex);
        }
    }

    /// <summary>Fails with <paramref name="message"/> and what the processes printed unless <paramref name="ok"/>.</summary>
    public void Check(bool ok, Func<string> message)
    {
        if (!ok) Assert.Fail(message() + "\n" + Diagnostics());
    }

    /// <summary>What the processes printed, for a failure message.</summary>
    public string Diagnostics() => string.Join("\n", _silos.Select((s, i) => $"--- silo {i} ({s.BaseAddress})\n{Tail(s.Output)}"))
        + $"\n--- gateway\n{Tail(Gateway?.Output ?? "")}";

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        await Simulator.DisposeAsync();
        if (S3 is not null) await S3.DisposeAsync();
        await Redis.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static DateTime? LastWrite(SiloProcess silo, string cloudId) =>
        Directory.Exists(silo.LogsDirectory)
            ? Directory.EnumerateFiles(silo.LogsDirectory, $"iseif-rainforest-{cloudId}-*.jl", SearchOption.AllDirectories)
                .Select(File.GetLastWriteTimeUtc).Cast<DateTime?>().Max()
            : null;

    private static string Tail(string output) => output.Length <= 6000 ? output : output[^6000..];
}

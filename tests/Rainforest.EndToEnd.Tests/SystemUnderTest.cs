using System.Net.Http.Json;
using System.Text.Json;
using Rainforest.Simulator;
using Rainforest.Testing;
using Rainforest.Simulator.Accounts;

namespace Rainforest.EndToEnd.Tests;

/// <summary>
/// The whole system over real sockets: a real redis-server, the gateway simulator, and silo processes
/// talking to both; tests drive it only through the HTTP API and look at the files it writes.
/// </summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];

    private SystemUnderTest(RedisServer redis, GatewaySimulator simulator, string root)
    {
        Redis = redis;
        Simulator = simulator;
        Root = root;
    }

    public RedisServer Redis { get; }
    public GatewaySimulator Simulator { get; }
    public string Root { get; }
    public IReadOnlyList<SiloProcess> Silos => _silos;

    public static async Task<SystemUnderTest> StartAsync(bool withRedis = true)
    {
        var redis = new RedisServer();
        if (withRedis) await redis.InitializeAsync();
        var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true });
        var root = Path.Combine(Path.GetTempPath(), "rainforest-e2e-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(root);
        return new SystemUnderTest(redis, simulator, root);
    }

    /// <summary>A silo with its own data directory, joined to this system's Redis and simulator.</summary>
    public SiloProcess AddSilo(IDictionary<string, string>? settings = null, bool withRedis = true, int? descriptorLimit = null)
    {
        var directory = Path.Combine(Root, "silo" + _silos.Count);
        Directory.CreateDirectory(directory);
        var all = new Dictionary<string, string>
        {
            ["Rainforest:Eagle:CloudUrl"] = Simulator.RelayUrl.ToString(),
            ["Rainforest:Eagle:RequestTimeout"] = "00:00:04",
            ["Orleans:ClusterId"] = "e2e",
            ["Orleans:ServiceId"] = "e2e",
        };
        if (withRedis) all["ConnectionStrings:Redis"] = Redis.ConnectionString;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        var silo = new SiloProcess(directory, all, descriptorLimit: descriptorLimit);
        _silos.Add(silo);
        return silo;
    }

    public static StringContent UserBody(string cloudId) => JsonBody(new
    {
        user_email = SimulatedAccount.DefaultUser(cloudId),
        user_pw = SimulatedAccount.DefaultPassword(cloudId),
    });

    public static StringContent JsonBody(object value) =>
        new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every line logged for the user by any silo of this system: local hour files plus archived hours.</summary>
    public List<string> LoggedLines(string cloudId) => _silos
        .SelectMany(s => HourFiles.LocalLines(Path.Combine(s.DataDirectory, "logs"), cloudId)
            .Concat(HourFiles.ArchivedLines(Path.Combine(s.DataDirectory, "archive"), cloudId)))
        .ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        await Simulator.DisposeAsync();
        await Redis.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

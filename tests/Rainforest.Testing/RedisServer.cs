using StackExchange.Redis;

namespace Rainforest.Testing;

/// <summary>
/// A real redis-server on a free loopback port with its own data directory, persisted to an append-only
/// file so a restart keeps everything (as a production Redis would). Fails loudly if redis-server is missing.
/// </summary>
public sealed class RedisServer : ServerProcess, IAsyncLifetime
{
    private readonly string[] _bindAddresses;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rainforest-redis-" + Guid.NewGuid().ToString("n"));

    /// <summary>A server on loopback and, for processes in other network namespaces, on <paramref name="alsoBindTo"/>.</summary>
    public RedisServer(params string[] alsoBindTo) => _bindAddresses = ["127.0.0.1", .. alsoBindTo];

    public int Port { get; } = FreePort.Next();
    public string ConnectionString => ConnectionStringAt("127.0.0.1");

    protected override string Name => $"redis-server on port {Port}";

    public string ConnectionStringAt(string address) => $"{address}:{Port},abortConnect=false";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await StartAsync();
    }

    public Task StartAsync()
    {
        var executable = FindRedisServer();
        return StartProcessAsync(() => ManagedProcess.Start(executable,
            [
                "--port", Port.ToString(), "--bind", .. _bindAddresses, "--dir", _directory,
                "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "no",
            ]),
            async () =>
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},connectTimeout=500");
                return (await connection.GetDatabase().PingAsync()) < TimeSpan.FromSeconds(5);
            },
            TimeSpan.FromSeconds(20));
    }

    /// <summary>Kills the server, an outage (no save on shutdown beyond what the append-only file already holds).</summary>
    public override Task StopAsync() => KillAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindRedisServer()
    {
        foreach (var candidate in new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" })
        {
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            "redis-server is not installed. Run the tests through scripts/test.sh, which installs it (apt-get install redis-server).");
    }
}

using System.Text.Json;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary><c>--demo</c>: one command shows relay, local and push users side by side, each logging readings.</summary>
public sealed class DemoTests : IAsyncLifetime
{
    private const int RelayUsers = 6;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rainforest-demo-" + Guid.NewGuid().ToString("n"));
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _silo = new SiloProcess(_root, new Dictionary<string, string>
        {
            ["Rainforest:Demo:Users"] = RelayUsers.ToString(),
            ["Rainforest:Demo:SimulatorPort"] = FreePort.Next().ToString(),
            ["Orleans:ClusterId"] = "demo",
            ["Orleans:ServiceId"] = "demo",
        }, switches: ["--demo"]);
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_demo_seeds_relay_local_and_push_users_and_the_local_and_push_ones_log_readings()
    {
        using var api = _silo.CreateClient();
        // After the relay users come two local users, then two push users.
        var local = (RelayUsers + 1).ToString("x6");
        var push = (RelayUsers + 3).ToString("x6");

        var users = await Eventually.Until(
            async () => (await SystemUnderTest.GetJsonAsync(api, "/api/users")).GetProperty("users").EnumerateArray().ToList(),
            list => Logged(list, local) && Logged(list, push),
            TimeSpan.FromSeconds(60), "a local and a push demo user to log readings");

        var sources = users.Select(u => u.GetProperty("source").GetString()).ToHashSet();
        Assert.Equal(["local", "push", "relay"], sources.Order());
        Assert.Equal("local", Find(users, local).GetProperty("source").GetString());
        Assert.Equal("push", Find(users, push).GetProperty("source").GetString());
    }

    private static JsonElement Find(List<JsonElement> users, string cloudId) =>
        users.Single(u => u.GetProperty("cloud_id").GetString() == cloudId);

    private static bool Logged(List<JsonElement> users, string cloudId) =>
        users.Any(u => u.GetProperty("cloud_id").GetString() == cloudId && u.GetProperty("total_events_logged").GetInt64() > 0);
}

using StackExchange.Redis;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>A silo reaches Redis over one connection for everything: membership, grain state, reminders, key ring, health.</summary>
public sealed class RedisConnectionTests
{
    [Fact]
    public async Task A_silo_uses_one_redis_connection_for_clustering_state_reminders_key_ring_and_health()
    {
        await using var system = await SystemUnderTest.StartAsync();
        var silo = system.AddSilo();
        await silo.StartAsync();
        using var api = silo.CreateClient();
        // A registration writes grain state, a reminder and (for the password) the key ring; readiness pings Redis.
        (await api.PostAsync("/api/users/0c0001", SystemUnderTest.UserBody("0c0001"))).EnsureSuccessStatusCode();
        (await api.GetAsync("/health/ready")).EnsureSuccessStatusCode();

        var options = ConfigurationOptions.Parse(system.Redis.ConnectionString);
        options.ClientName = "rainforest-test-observer";
        options.AllowAdmin = true;
        await using var observer = await ConnectionMultiplexer.ConnectAsync(options);
        var clients = await observer.GetServers()[0].ClientListAsync();
        var silos = clients.Where(c => c.Name != options.ClientName).ToList();

        // One multiplexer holds an interactive and a subscription connection.
        Assert.True(silos.Count <= 2, $"{silos.Count} connections from the silo:\n" + string.Join("\n", silos.Select(c => c.Raw)));
    }
}

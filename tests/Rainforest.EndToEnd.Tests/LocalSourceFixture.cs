using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>One silo (no Redis) that may reach local gateways on loopback, where the simulator listens.</summary>
public sealed class LocalSourceFixture : IAsyncLifetime
{
    public SystemUnderTest System { get; private set; } = null!;
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = await SystemUnderTest.StartAsync(withRedis: false);
        Silo = System.AddSilo(new Dictionary<string, string>
        {
            ["Rainforest:Sources:Local:AllowedNetworks:0"] = "127.0.0.0/8",
        }, withRedis: false);
        await Silo.StartAsync();
    }

    public async Task DisposeAsync() => await System.DisposeAsync();
}

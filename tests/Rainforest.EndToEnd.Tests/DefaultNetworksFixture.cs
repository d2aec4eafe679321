using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>One silo (no Redis) on the default allowed networks: the private ranges, no loopback, no link-local.</summary>
public sealed class DefaultNetworksFixture : IAsyncLifetime
{
    public SystemUnderTest System { get; private set; } = null!;
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = await SystemUnderTest.StartAsync(withRedis: false);
        Silo = System.AddSilo(withRedis: false);
        await Silo.StartAsync();
    }

    public async Task DisposeAsync() => await System.DisposeAsync();
}

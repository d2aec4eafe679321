using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>One silo keeping its grain state in a real redis-server, shared by the tests that need stored users.</summary>
public sealed class RedisSiloFixture : IAsyncLifetime
{
    private SystemUnderTest _system = null!;

    public SiloProcess Silo { get; private set; } = null!;
    public SystemUnderTest System => _system;

    public async Task InitializeAsync()
    {
        _system = await SystemUnderTest.StartAsync();
        Silo = _system.AddSilo();
        await Silo.StartAsync();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();
}

using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>One silo on embedded defaults (no Redis), shared by the API contract tests.</summary>
public sealed class SingleSiloFixture : IAsyncLifetime
{
    private SystemUnderTest _system = null!;

    public SiloProcess Silo { get; private set; } = null!;
    public SystemUnderTest System => _system;

    public async Task InitializeAsync()
    {
        _system = await SystemUnderTest.StartAsync(withRedis: false);
        Silo = _system.AddSilo(withRedis: false);
        await Silo.StartAsync();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();
}

namespace Rainforest.Eagle.Tests;

/// <summary>One plain-HTTP loopback relay shared by a test class.</summary>
public sealed class RelayServerFixture : IAsyncLifetime
{
    private RelayServer? _server;

    public RelayServer Server => _server ?? throw new InvalidOperationException("The relay has not started.");

    public async Task InitializeAsync() => _server = await RelayServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

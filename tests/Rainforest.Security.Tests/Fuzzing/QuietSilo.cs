using Rainforest.Security.Tests.Fixtures;

namespace Rainforest.Security.Tests.Fuzzing;

/// <summary>A silo with no users at all, for attacks that must leave it exactly as they found it.</summary>
public sealed class QuietSilo : IAsyncLifetime
{
    private readonly TestRoot _root = new("fuzz");

    public GatewaySimulator Simulator { get; private set; } = null!;
    public SiloProcess Silo { get; private set; } = null!;
    public string Root => _root.Path;

    public async Task InitializeAsync()
    {
        Simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true });
        Silo = SecuritySilo.Create(_root.Path, "silo", new Dictionary<string, string>
        {
            ["Rainforest:Eagle:CloudUrl"] = Simulator.RelayUrl.ToString(),
            ["Rainforest:Api:RequestsPerMinutePerKey"] = "1000000",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        });
        await Silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Simulator.DisposeAsync();
        _root.Dispose();
    }
}

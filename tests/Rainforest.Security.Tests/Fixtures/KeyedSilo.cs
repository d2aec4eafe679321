namespace Rainforest.Security.Tests.Fixtures;

/// <summary>
/// A silo as production runs it: three API keys (rotation), a small per-key rate limit, the dashboard behind the
/// key, and a relay served over HTTPS with a self-signed certificate that it must refuse (verification on by
/// default). Authentication and Microsoft logging at Debug, so a leaked key would show in the transcript.
/// </summary>
public sealed class KeyedSilo : IAsyncLifetime
{
    public const string Collection = "keyed silo";
    public const string RotatedKey = "sec-key-1-4be0937d61";
    public const string LimitedKey = "sec-key-2-f7a2c90e13";
    public const int RequestsPerMinute = 60;

    private readonly TestRoot _root = new("keyed");

    public GatewaySimulator Simulator { get; private set; } = null!;
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true, Https = true });
        Silo = SecuritySilo.Create(_root.Path, "silo", new Dictionary<string, string>
        {
            ["Rainforest:Api:Keys:1"] = RotatedKey,
            ["Rainforest:Api:Keys:2"] = LimitedKey,
            ["Rainforest:Api:RequestsPerMinutePerKey"] = RequestsPerMinute.ToString(),
            ["Rainforest:Eagle:CloudUrl"] = Simulator.RelayUrl.ToString(),
            ["Logging:LogLevel:Microsoft"] = "Debug",
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

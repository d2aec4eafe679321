namespace Rainforest.Security.Tests.Fixtures;

/// <summary>
/// A silo configured like the demo: the dashboard open to the person at the machine (loopback) but still behind
/// the key from anywhere else (it also listens on a non-loopback address of this machine), and a relay with a
/// self-signed certificate that it is explicitly told not to verify.
/// </summary>
public sealed class LoopbackDemoSilo : IAsyncLifetime
{
    public const string Collection = "loopback demo silo";

    private readonly TestRoot _root = new("loopback");

    public GatewaySimulator Simulator { get; private set; } = null!;
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>The silo's address on a non-loopback interface; null on a machine without one.</summary>
    public Uri? NonLoopbackAddress => Silo.ExtraAddresses.FirstOrDefault();

    public async Task InitializeAsync()
    {
        Simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true, Https = true });
        var nonLoopback = NetworkAddresses.NonLoopback();
        Silo = SecuritySilo.Create(_root.Path, "silo", new Dictionary<string, string>
        {
            ["Rainforest:Dashboard:AllowLoopbackWithoutKey"] = "true",
            ["Rainforest:Eagle:CloudUrl"] = Simulator.RelayUrl.ToString(),
            ["Rainforest:Eagle:VerifyCertificate"] = "false",
        }, extraHosts: nonLoopback is null ? [] : [nonLoopback]);
        await Silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Simulator.DisposeAsync();
        _root.Dispose();
    }
}

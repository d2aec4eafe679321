using Rainforest.Eagle.Local;
using Rainforest.Simulator;

namespace Rainforest.Silo.Demo;

/// <summary>
/// <c>--demo</c>: the whole system on one machine with nothing installed. A gateway simulator runs in this
/// process on a loopback port, the relay URL points at it, and a few dozen users are registered (relay users,
/// a few of them with broken gateways, beside local and push users) so hour files grow within seconds and the
/// status pages have something to show.
/// </summary>
public static class DemoMode
{
    public static async Task AddDemoAsync(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { Port = options.SimulatorPort, AutoAccounts = true });
        builder.Services.AddSingleton(simulator);
        builder.Services.AddSingleton(options);
        // Local users ask the simulator on loopback, which a real deployment never allows: added for the demo only,
        // beside the networks configured (or the default ones, which a configured list would otherwise replace).
        var configured = builder.Configuration.GetSection("Rainforest:Sources:Local:AllowedNetworks").GetChildren().Select(c => c.Value ?? "").ToList();
        List<string> allowed = [.. configured.Count > 0 ? configured : LocalSourceOptions.DefaultAllowedNetworks, "127.0.0.0/8"];
        var settings = allowed.Select((network, i) => KeyValuePair.Create($"Rainforest:Sources:Local:AllowedNetworks:{i}", (string?)network));
        builder.Configuration.AddInMemoryCollection(settings.Concat(new Dictionary<string, string?>
        {
            ["Rainforest:Eagle:CloudUrl"] = simulator.RelayUrl.ToString(),
            ["Rainforest:Dashboard:AllowLoopbackWithoutKey"] = "true",
            ["Rainforest:Dashboard:Enabled"] = "true",
            ["Urls"] = builder.Configuration["Urls"] ?? "http://127.0.0.1:5080",
        }));
        builder.Services.AddHostedService<DemoSeeder>();
    }
}

using Rainforest.Simulator;

namespace Rainforest.Silo.Demo;

/// <summary>
/// <c>--demo</c>: the whole system on one machine with nothing installed. A gateway simulator runs in this
/// process on a loopback port, the relay URL points at it, and a few dozen users are registered (a few of
/// them with broken gateways) so hour files grow within seconds and the status pages have something to show.
/// </summary>
public static class DemoMode
{
    public static async Task AddDemoAsync(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { Port = options.SimulatorPort, AutoAccounts = true });
        builder.Services.AddSingleton(simulator);
        builder.Services.AddSingleton(options);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rainforest:Eagle:CloudUrl"] = simulator.RelayUrl.ToString(),
            ["Rainforest:Dashboard:AllowLoopbackWithoutKey"] = "true",
            ["Urls"] = builder.Configuration["Urls"] ?? "http://127.0.0.1:5080",
        });
        builder.Services.AddHostedService<DemoSeeder>();
    }
}

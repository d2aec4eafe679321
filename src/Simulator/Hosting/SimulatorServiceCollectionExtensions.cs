using Microsoft.Extensions.DependencyInjection.Extensions;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Control;
using Rainforest.Simulator.Recording;
using Rainforest.Simulator.Local;
using Rainforest.Simulator.Relay;
using Rainforest.Simulator.Uploader;

namespace Rainforest.Simulator.Hosting;

/// <summary>Registers the simulator's services in any host; pair with <see cref="SimulatorEndpointRouteBuilderExtensions.MapRelaySimulator"/>.</summary>
public static class SimulatorServiceCollectionExtensions
{
    public static IServiceCollection AddRelaySimulator(this IServiceCollection services, Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        return services.AddRelaySimulator(options);
    }

    public static IServiceCollection AddRelaySimulator(this IServiceCollection services, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new SimulatedAccounts(sp.GetRequiredService<SimulatorOptions>()));
        services.TryAddSingleton<SimulatorStats>();
        services.TryAddSingleton<RelayHandler>();
        services.TryAddSingleton<LocalApiHandler>();
        services.TryAddSingleton<ControlHandlers>();
        services.TryAddSingleton(sp => new SimulatedUploaders(sp.GetRequiredService<SimulatedAccounts>(), sp.GetRequiredService<SimulatorOptions>()));
        return services;
    }
}

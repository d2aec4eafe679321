using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Rainforest.Silo.Cluster;

public static class ClusterSiloBuilderExtensions
{
    /// <summary>
    /// What makes many silos one logger: fast failure detection, one activation per user even while silos die, users placed at random (every user costs the
    /// same, so random spreads them evenly, within about the square root of their number, whatever else a
    /// silo hosts), handed over on a graceful stop, woken on the survivors when a silo dies, and shared with
    /// silos that join.
    /// </summary>
    public static ISiloBuilder AddRainforestCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddOptions<RainforestClusterOptions>().Bind(configuration.GetSection(RainforestClusterOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddMembershipTuning(configuration);
        services.AddSingleton<PlacementStrategy, RandomPlacement>();
#pragma warning disable ORLEANSEXP003 // evaluation API in Orleans 10
        // The strongly consistent directory: when a silo dies, lookups in its range wait until the survivors have
        // recovered it, so a user polling on a survivor keeps its one activation. The default directory instead
        // deactivates the users whose registration the dead silo held, and races can activate a user twice.
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003

        services.TryAddSingleton<LocalUserActivations>();
        services.AddSingleton<IConfigureGrainContextProvider>(sp => sp.GetRequiredService<LocalUserActivations>());
        services.TryAddSingleton<ClusterMetrics>();
        services.TryAddSingleton<RegisteredUsers>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, UserHandoff>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WakeUsersOfDeadSilos>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, UserRebalancer>();
        return silo;
    }
}

using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Storage;
using Rainforest.Grains.Hosting;
using Rainforest.Silo.Cluster;
using StackExchange.Redis;
using Rainforest.Archive.Hosting;

namespace Rainforest.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// The silo. Configuration chooses the providers: with <c>ConnectionStrings:Redis</c>, membership, grain state,
    /// reminders and the key ring live in Redis over the process's one connection, so any number of silos sharing
    /// it and <c>Orleans:ClusterId</c>/<c>Orleans:ServiceId</c> form one cluster (ports and advertised address
    /// from <c>Orleans:Endpoints</c>); without it, one local silo with in-memory state, announced loudly.
    /// </summary>
    public static WebApplicationBuilder AddRainforestSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var redis = ClusterConnection.RedisConnectionString(configuration);
        var endpoints = configuration.GetSection("Orleans:Endpoints");
        var siloPort = endpoints.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = endpoints.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);

        services.AddRainforestPolling(configuration);
        services.AddHealthChecks().AddCheck<SiloReadyCheck>("silo", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<DescriptorBudgetCheck>("descriptors", tags: [HealthEndpoints.ReadyTag]);

        builder.UseOrleans(silo =>
        {
            silo.JoinRainforestCluster(configuration);
            if (redis is null)
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort);
                services.AddKeyedSingleton<IGrainStorage>(StorageNames.Users,
                    (provider, _) => new ProcessMemoryGrainStorage(provider.GetRequiredService<Orleans.Serialization.DeepCopier>()));
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.ConfigureEndpoints(AdvertisedAddress.Resolve(configuration), siloPort, gatewayPort, listenOnAnyHostAddress: true);
                // In a pod: silo name from the pod, and dead silos' pods reconciled with the membership table.
                if (KubernetesEnvironment.IsPod) silo.UseKubernetesHosting();
                silo.AddRedisGrainStorage(StorageNames.Users, (OptionsBuilder<RedisStorageOptions> storage) =>
                    storage.Configure<IConnectionMultiplexer>((o, connection) =>
                    {
                        o.ConfigurationOptions = ConfigurationOptions.Parse(redis);
                        o.CreateMultiplexer = _ => ClusterConnection.Shared(connection);
                    }));
                silo.UseRedisReminderService(_ => { });
                services.AddOptions<RedisReminderTableOptions>().Configure<IConnectionMultiplexer>((o, connection) =>
                {
                    o.ConfigurationOptions = ConfigurationOptions.Parse(redis);
                    o.CreateMultiplexer = _ => ClusterConnection.Shared(connection);
                });
            }

            silo.Configure<GrainCollectionOptions>(o => o.DeactivationTimeout = TimeSpan.FromMinutes(2));
            silo.AddRainforestArchive(configuration);
            silo.AddRainforestCluster(configuration);
            silo.AddOutgoingGrainCallFilter<QuietStopCallFilter>();
            silo.AddStartupTask<WakeRegisteredUsers>();
        });
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(3));

        services.AddRainforestKeyRing(configuration, inRedis: redis is not null);
        if (redis is null)
        {
            services.AddHostedService<InMemoryStateWarning>();
        }
        else
        {
            services.AddHealthChecks().AddCheck<RedisReadyCheck>("redis", tags: [HealthEndpoints.ReadyTag]);
        }
        return builder;
    }
}

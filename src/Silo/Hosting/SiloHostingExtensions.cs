using Orleans.Configuration;
using Orleans.Storage;
using Rainforest.Api.Hosting;
using Rainforest.Archive;
using Rainforest.Grains.Hosting;
using Rainforest.Silo.Cluster;
using StackExchange.Redis;

namespace Rainforest.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// The silo: Redis membership, grain state and reminders when <c>ConnectionStrings:Redis</c> is set, so any
    /// number of silos sharing it and <c>Orleans:ClusterId</c>/<c>Orleans:ServiceId</c> form one cluster (ports
    /// and advertised address from <c>Orleans:Endpoints</c>); otherwise one local silo with in-memory state,
    /// announced loudly.
    /// </summary>
    public static WebApplicationBuilder AddRainforestSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var redis = configuration.GetConnectionString("Redis");
        var endpoints = configuration.GetSection("Orleans:Endpoints");
        var siloPort = endpoints.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = endpoints.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);

        builder.Services.AddRainforestPolling(configuration);
        builder.Services.AddClusterCallResilience(configuration);
        builder.Services.AddRainforestKeyRing(configuration,
            string.IsNullOrWhiteSpace(redis) ? null : () => RedisConnections.Shared(redis).GetDatabase());

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = configuration["Orleans:ClusterId"] ?? ClusterNames.DefaultClusterId;
                o.ServiceId = configuration["Orleans:ServiceId"] ?? ClusterNames.DefaultServiceId;
            });

            if (string.IsNullOrWhiteSpace(redis))
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort);
                silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Users,
                    (services, _) => new ProcessMemoryGrainStorage(services.GetRequiredService<Orleans.Serialization.DeepCopier>()));
                silo.UseInMemoryReminderService();
            }
            else
            {
                var redisOptions = ConfigurationOptions.Parse(redis);
                silo.ConfigureEndpoints(AdvertisedAddress.Resolve(configuration), siloPort, gatewayPort, listenOnAnyHostAddress: true);
                // In a pod: silo name from the pod, and dead silos' pods reconciled with the membership table.
                if (KubernetesEnvironment.IsPod) silo.UseKubernetesHosting();
                silo.UseRedisClustering(o => o.ConfigurationOptions = redisOptions.Clone());
                silo.AddRedisGrainStorage(StorageNames.Users, o => o.ConfigurationOptions = redisOptions.Clone());
                silo.UseRedisReminderService(o => o.ConfigurationOptions = redisOptions.Clone());
            }

            silo.Configure<GrainCollectionOptions>(o => o.DeactivationTimeout = TimeSpan.FromMinutes(2));
            silo.AddRainforestArchive(configuration);
            silo.AddRainforestCluster(configuration);
            silo.AddOutgoingGrainCallFilter<ClusterCallRetryFilter>();
            silo.AddOutgoingGrainCallFilter<QuietStopCallFilter>();
            silo.AddDashboard();
            silo.AddActivityPropagation();
            silo.AddStartupTask<WakeRegisteredUsers>();
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(3));

        if (string.IsNullOrWhiteSpace(redis)) builder.Services.AddHostedService<InMemoryStateWarning>();
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace Rainforest.Api.Hosting;

/// <summary>
/// How a silo or a gateway joins the cluster: the cluster named by <c>Orleans:ClusterId</c>/<c>Orleans:ServiceId</c>,
/// membership in the Redis of <c>ConnectionStrings:Redis</c> over the process's one Redis connection, the API's
/// grain calls retried through silo changes, trace context carried across calls, and the dashboard.
/// </summary>
public static class ClusterConnection
{
    public const string DefaultClusterId = "rainforest";
    public const string DefaultServiceId = "rainforest";

    /// <summary><c>ConnectionStrings:Redis</c>, or null when unset (one local silo with in-memory state).</summary>
    public static string? RedisConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Redis") is { } redis && !string.IsNullOrWhiteSpace(redis) ? redis : null;

    /// <summary>
    /// One multiplexer for the whole process, rather than one per provider: Orleans' Redis providers (membership,
    /// grain state, reminders), the key ring and the health check all use it. A Redis that is down at start is
    /// retried, not fatal.
    /// </summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        return services;
    }

    /// <summary>What an Orleans Redis provider's <c>CreateMultiplexer</c> returns: the process's connection, which it must not dispose.</summary>
    public static Task<(IConnectionMultiplexer, bool)> Shared(IConnectionMultiplexer redis) =>
        Task.FromResult<(IConnectionMultiplexer, bool)>((redis, true));

    public static ISiloBuilder JoinRainforestCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        ConfigureNames(silo.Services, configuration);
        if (RedisConnectionString(configuration) is { } redis)
        {
            silo.UseRedisClustering(_ => { });
            UseSharedRedis(silo.Services, redis);
        }
        silo.AddOutgoingGrainCallFilter<ClusterCallRetryFilter>();
        silo.AddActivityPropagation();
        if (DashboardSwitch.Enabled(configuration)) silo.AddDashboard();
        return silo;
    }

    public static IClientBuilder JoinRainforestCluster(this IClientBuilder client, IConfiguration configuration)
    {
        ConfigureNames(client.Services, configuration);
        if (RedisConnectionString(configuration) is { } redis)
        {
            client.UseRedisClustering(_ => { });
            UseSharedRedis(client.Services, redis);
        }
        client.AddOutgoingGrainCallFilter<ClusterCallRetryFilter>();
        client.AddActivityPropagation();
        if (DashboardSwitch.Enabled(configuration)) client.AddDashboard();
        return client;
    }

    private static void ConfigureNames(IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = configuration["Orleans:ClusterId"] ?? DefaultClusterId;
            o.ServiceId = configuration["Orleans:ServiceId"] ?? DefaultServiceId;
        });

    private static void UseSharedRedis(IServiceCollection services, string connectionString)
    {
        services.AddRedisConnection(connectionString);
        services.AddOptions<RedisClusteringOptions>().Configure<IConnectionMultiplexer>((o, redis) =>
        {
            o.ConfigurationOptions = ConfigurationOptions.Parse(connectionString);
            o.CreateMultiplexer = _ => Shared(redis);
        });
    }
}

using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace Rainforest.Api.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>
    /// The standalone gateway's Orleans client: joins the cluster named by <c>Orleans:ClusterId</c> /
    /// <c>Orleans:ServiceId</c>, finds the silos' gateways through <c>ConnectionStrings:Redis</c>, keeps looking
    /// while none answers, retries the API's grain calls through silo changes (503 after that), and serves the
    /// dashboard as a client of the silos' dashboard grains.
    /// </summary>
    public static WebApplicationBuilder AddRainforestClusterClient(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            throw new InvalidOperationException(
                "The standalone API finds the silos through Redis: set ConnectionStrings:Redis (e.g. --ConnectionStrings:Redis=localhost:6379).");
        }

        builder.Services.AddClusterCallResilience(configuration);
        // Kestrel serves /health/live while the client is still looking for a silo.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.Services.AddHealthChecks().AddCheck<GatewayReadyCheck>("cluster", tags: [HealthEndpoints.ReadyTag]);

        var responseTimeout = configuration.GetSection(ClusterCallOptions.Section).GetValue(nameof(ClusterCallOptions.ResponseTimeout), new ClusterCallOptions().ResponseTimeout);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = configuration["Orleans:ClusterId"] ?? ClusterNames.DefaultClusterId;
                o.ServiceId = configuration["Orleans:ServiceId"] ?? ClusterNames.DefaultServiceId;
            });
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            // New silos are picked up within seconds rather than Orleans' default minute.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout);
            client.UseConnectionRetryFilter<RetryConnectingToCluster>();
            client.AddOutgoingGrainCallFilter<ClusterCallRetryFilter>();
            client.AddActivityPropagation();
            client.AddDashboard();
        });
        return builder;
    }
}

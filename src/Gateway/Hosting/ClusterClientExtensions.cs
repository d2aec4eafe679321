using Orleans.Configuration;

namespace Rainforest.Gateway.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>
    /// The gateway's Orleans client: joins the cluster (<see cref="ClusterConnection"/>) whose silos it finds
    /// through <c>ConnectionStrings:Redis</c>, keeps looking while none answers, and is ready once one does.
    /// </summary>
    public static WebApplicationBuilder AddRainforestClusterClient(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (ClusterConnection.RedisConnectionString(configuration) is null)
        {
            throw new InvalidOperationException(
                "The standalone API finds the silos through Redis: set ConnectionStrings:Redis (e.g. --ConnectionStrings:Redis=localhost:6379).");
        }

        // Kestrel serves /health/live while the client is still looking for a silo.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.Services.AddHealthChecks().AddCheck<GatewayReadyCheck>("cluster", tags: [HealthEndpoints.ReadyTag]);

        var responseTimeout = configuration.GetSection(ClusterCallOptions.Section).GetValue(nameof(ClusterCallOptions.ResponseTimeout), new ClusterCallOptions().ResponseTimeout);
        builder.UseOrleansClient(client =>
        {
            client.JoinRainforestCluster(configuration);
            // New silos are picked up within seconds rather than Orleans' default minute.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout);
            client.UseConnectionRetryFilter<RetryConnectingToCluster>();
        });
        return builder;
    }
}

using Rainforest.Archive;
using Rainforest.Grains.Telemetry;
using Rainforest.Silo.Cluster;

namespace Rainforest.Silo.Hosting;

/// <summary>The silo's health, metrics and dashboard: the shared observability plus the silo's readiness and meters.</summary>
public static class SiloEndpoints
{
    public static WebApplicationBuilder AddSiloEndpoints(this WebApplicationBuilder builder)
    {
        builder.AddRainforestObservability(PollingMetrics.MeterName, ArchiveMetrics.MeterName, ClusterMetrics.MeterName);
        builder.Services.AddHealthChecks().AddCheck<SiloReadyCheck>("silo", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    public static WebApplication MapRainforestSiloEndpoints(this WebApplication app) => app.MapRainforestObservability();
}

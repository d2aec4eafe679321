using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace Rainforest.Api.Hosting;

/// <summary>
/// What every Rainforest host (silo and standalone gateway) has besides its own work: telemetry, health checks,
/// the dashboard's authorization, and the resilience of the API's grain calls; and the endpoints that expose them.
/// </summary>
public static class ServiceDefaults
{
    /// <summary>
    /// Metrics (Orleans' meter, runtime, HTTP client and server, and <paramref name="meters"/>) for Prometheus at
    /// <c>/metrics</c>; traces over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, sampled
    /// (<c>Rainforest:Telemetry:TraceSampleRatio</c>) so six-second timer ticks do not flood the collector;
    /// health checks; the dashboard's authorization policy; retries and the 503 mapping of the API's grain calls
    /// (<see cref="ClusterCallOptions"/>; the host adds <see cref="ClusterCallRetryFilter"/> when it joins the cluster).
    /// </summary>
    public static WebApplicationBuilder AddRainforestServiceDefaults(this WebApplicationBuilder builder, params string[] meters)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddHealthChecks();
        // Polly reports every execution of Orleans' own pipelines (placement) at Information.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        services.AddDashboardAuthorization(configuration);

        services.AddOptions<ClusterCallOptions>().Bind(configuration.GetSection(ClusterCallOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
        services.TryAddSingleton(TimeProvider.System);

        var otel = services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                .AddMeter(meters)
                .AddRuntimeInstrumentation()
                .AddHttpClientInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            var ratio = configuration.GetValue("Rainforest:Telemetry:TraceSampleRatio", 0.01);
            otel.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)))
                .AddSource("Microsoft.Orleans.Application")
                .AddSource("Microsoft.Orleans.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }
        return builder;
    }

    /// <summary>
    /// Health, <c>/metrics</c> and <c>/dashboard</c> (behind <see cref="DashboardAuthorization"/>; when
    /// <see cref="DashboardSwitch"/> leaves it off, a 404 problem saying so); call after <c>Build()</c>.
    /// </summary>
    public static WebApplication MapRainforestDefaultEndpoints(this WebApplication app)
    {
        app.MapRainforestHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (DashboardSwitch.Enabled(app.Configuration))
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(DashboardAuthorization.PolicyName);
        }
        else
        {
            app.MapDashboardOff();
        }
        return app;
    }
}

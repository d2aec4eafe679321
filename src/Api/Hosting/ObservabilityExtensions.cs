using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace Rainforest.Api.Hosting;

/// <summary>What a silo and the standalone gateway both expose besides the API: health, metrics, traces, dashboard.</summary>
public static class ObservabilityExtensions
{
    /// <summary>
    /// Metrics (Orleans' meter, runtime, HTTP client and server, and <paramref name="meters"/>) for Prometheus at
    /// <c>/metrics</c>; traces over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, sampled
    /// (<c>Rainforest:Telemetry:TraceSampleRatio</c>) so six-second timer ticks do not flood the collector;
    /// health checks; the dashboard's authorization policy.
    /// </summary>
    public static WebApplicationBuilder AddRainforestObservability(this WebApplicationBuilder builder, params string[] meters)
    {
        builder.Services.AddHealthChecks();
        // Polly reports every execution of Orleans' own pipelines (placement) at Information.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Services.AddDashboardAuthorization(builder.Configuration);

        var otel = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                .AddMeter(meters)
                .AddRuntimeInstrumentation()
                .AddHttpClientInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            var ratio = builder.Configuration.GetValue("Rainforest:Telemetry:TraceSampleRatio", 0.01);
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

    /// <summary>Health, <c>/metrics</c> and <c>/dashboard</c> (behind <see cref="DashboardAuthorization"/>); call after <c>Build()</c>.</summary>
    public static WebApplication MapRainforestObservability(this WebApplication app)
    {
        app.MapRainforestHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(DashboardAuthorization.PolicyName);
        return app;
    }
}

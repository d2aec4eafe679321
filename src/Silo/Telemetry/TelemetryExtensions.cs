using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Rainforest.Grains.Telemetry;

namespace Rainforest.Silo.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Metrics (Orleans, runtime, HTTP, ours) for Prometheus at <c>/metrics</c>; traces over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, sampled so six-second timer ticks do not flood the collector.
    /// </summary>
    public static WebApplicationBuilder AddRainforestTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                .AddMeter(PollingMetrics.MeterName)
                .AddMeter("Rainforest.Archive")
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
}

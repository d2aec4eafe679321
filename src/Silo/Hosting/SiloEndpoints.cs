using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Rainforest.Api.Security;

namespace Rainforest.Silo.Hosting;

public static class SiloEndpoints
{
    public const string DashboardPolicy = "Dashboard";

    public static WebApplicationBuilder AddSiloEndpoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<SiloReadyCheck>("silo", tags: ["ready"]);
        var loopbackWithoutKey = builder.Configuration.GetValue("Rainforest:Dashboard:AllowLoopbackWithoutKey", false);
        builder.Services.AddAuthorizationBuilder().AddPolicy(DashboardPolicy, policy =>
        {
            policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName);
            // The demo may show the dashboard to the person at the machine; everyone else needs the API key.
            policy.RequireAssertion(context =>
                context.User.Identity?.IsAuthenticated == true
                || (loopbackWithoutKey && context.Resource is HttpContext http
                    && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)));
        });
        return builder;
    }

    public static WebApplication MapRainforestSiloEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(DashboardPolicy);
        return app;
    }
}

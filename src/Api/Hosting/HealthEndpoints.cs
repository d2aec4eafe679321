using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Rainforest.Api.Hosting;

/// <summary>
/// <c>/health/live</c> (the process serves HTTP) and <c>/health/ready</c> (every check tagged
/// <see cref="ReadyTag"/> passes), for load balancers and orchestrators; no API key, no details.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapRainforestHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}

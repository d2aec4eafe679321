using Rainforest.Api.Security;

namespace Rainforest.Api.Endpoints;

/// <summary>The shipping of finished hours: backlog per silo, oldest waiting hour, last error.</summary>
public static class ArchiveEndpoints
{
    public static IEndpointRouteBuilder MapArchiveEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api")
            .RequireAuthorization(ApiAuthorization.PolicyName)
            .RequireRateLimiting(ApiRateLimiting.PolicyName)
            .WithTags("Archive")
            .MapGet("/archive", GetArchiveStatus)
            .WithSummary("Shipping of finished hours: backlog, oldest waiting hour and last error, per silo");
        return routes;
    }

    private static async Task<Ok<ArchiveStatus>> GetArchiveStatus(IGrainFactory grains) =>
        TypedResults.Ok(await grains.ArchiveStatus().GetAsync());
}

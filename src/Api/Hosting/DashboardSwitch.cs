namespace Rainforest.Api.Hosting;

/// <summary>
/// Whether this process carries the Orleans dashboard (<c>Rainforest:Dashboard:Enabled</c>, off by default; the
/// demo turns it on). The dashboard's silo side samples the runtime and exports counters every second whether or
/// not anyone is looking (about 2 % of a core and 50 MiB on an idle silo), so a silo nobody watches goes without
/// it. Every silo and the gateway of a cluster should agree: the gateway's dashboard asks the silos' collectors.
/// </summary>
public static class DashboardSwitch
{
    public const string Key = "Rainforest:Dashboard:Enabled";

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue(Key, false);

    /// <summary>
    /// <c>/dashboard</c> on a host without it: a 404 problem that says how to turn it on, behind the same key as
    /// the dashboard itself (a caller without one learns nothing about this host).
    /// </summary>
    public static void MapDashboardOff(this IEndpointRouteBuilder app) =>
        app.MapGet("/dashboard/{**path}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: "The dashboard is off",
                detail: $"This host runs without the Orleans dashboard; start every silo and the gateway with {Key}=true to see it."))
            .RequireAuthorization(DashboardAuthorization.PolicyName)
            .ExcludeFromDescription();
}

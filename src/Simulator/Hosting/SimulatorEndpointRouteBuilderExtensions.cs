using Rainforest.Simulator.Control;
using Rainforest.Simulator.Local;
using Rainforest.Simulator.Relay;
namespace Rainforest.Simulator.Hosting;

/// <summary>Maps the relay route and the <c>/sim/…</c> control routes.</summary>
public static class SimulatorEndpointRouteBuilderExtensions
{
    public const string RelayPath = "/cgi-bin/post_manager";

    /// <summary>
    /// <c>POST /cgi-bin/post_manager</c> (the relay, or with Basic auth an EAGLE-200's local API), <c>PUT|GET|DELETE /sim/accounts/{cloudId}</c>
    /// (the body may set <c>installCode</c>),
    /// <c>PUT /sim/accounts/{cloudId}/fault</c>, <c>GET /sim/accounts/{cloudId}/requests</c>, <c>GET /sim/stats</c>,
    /// <c>PUT|GET|DELETE /sim/accounts/{cloudId}/uploader</c> (<c>{"url", "everySeconds"}</c>: the account pushes its readings).
    /// </summary>
    public static RouteGroupBuilder MapRelaySimulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var relay = endpoints.ServiceProvider.GetService<RelayHandler>()
            ?? throw new InvalidOperationException("Call services.AddRelaySimulator() before MapRelaySimulator().");
        var control = endpoints.ServiceProvider.GetRequiredService<ControlHandlers>();
        var local = endpoints.ServiceProvider.GetRequiredService<LocalApiHandler>();

        var group = endpoints.MapGroup("");
        // One path for both: an EAGLE-200's local API authenticates with Basic auth, the relay with its own headers.
        group.MapPost(RelayPath, context => LocalApiHandler.IsLocalRequest(context) ? local.HandleAsync(context) : relay.HandleAsync(context));
        group.MapPut("/sim/accounts/{cloudId}", control.PutAccountAsync);
        group.MapGet("/sim/accounts/{cloudId}", control.GetAccountAsync);
        group.MapDelete("/sim/accounts/{cloudId}", control.DeleteAccountAsync);
        group.MapPut("/sim/accounts/{cloudId}/fault", control.PutFaultAsync);
        group.MapGet("/sim/accounts/{cloudId}/requests", control.GetRequestsAsync);
        group.MapGet("/sim/stats", control.GetStatsAsync);
        group.MapPut("/sim/accounts/{cloudId}/uploader", control.PutUploaderAsync);
        group.MapGet("/sim/accounts/{cloudId}/uploader", control.GetUploaderAsync);
        group.MapDelete("/sim/accounts/{cloudId}/uploader", control.DeleteUploaderAsync);
        return group;
    }
}

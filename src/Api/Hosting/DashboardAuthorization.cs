using System.Net;
using Rainforest.Api.Security;

namespace Rainforest.Api.Hosting;

/// <summary>
/// Who may see the Orleans dashboard: whoever presents an API key (a browser sends it as the Basic-auth
/// password); with <c>Rainforest:Dashboard:AllowLoopbackWithoutKey</c> (the demo), also the person at the machine.
/// </summary>
public static class DashboardAuthorization
{
    public const string PolicyName = "Dashboard";

    public static IServiceCollection AddDashboardAuthorization(this IServiceCollection services, IConfiguration configuration)
    {
        var loopbackWithoutKey = configuration.GetValue("Rainforest:Dashboard:AllowLoopbackWithoutKey", false);
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy =>
        {
            policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName);
            policy.RequireAssertion(context =>
                context.User.Identity?.IsAuthenticated == true
                || (loopbackWithoutKey && context.Resource is HttpContext http
                    && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)));
        });
        return services;
    }
}

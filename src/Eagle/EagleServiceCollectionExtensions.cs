using System.Net;
using System.Net.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Rainforest.Domain.Descriptors;
using Rainforest.Eagle.Connections;
using Rainforest.Eagle.Local;
using Rainforest.Eagle.Uploader;

namespace Rainforest.Eagle;

public static class EagleServiceCollectionExtensions
{
    /// <summary>Recycling pooled connections picks up relay DNS changes without the factory's handler rotation.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Registers <see cref="EagleRelayOptions"/> (bound from "Rainforest:Eagle", validated at start) and the typed
    /// <see cref="EagleRelayClient"/> over one shared SocketsHttpHandler.
    /// </summary>
    public static IServiceCollection AddEagleRelayClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<EagleRelayOptions>()
            .Bind(configuration.GetSection(EagleRelayOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EagleRelayOptions>, EagleRelayOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EagleRelayStartupWarnings>());
        // Without a descriptor budget (a host that does not poll), only MaxConnectionsPerServer bounds the relay.
        services.TryAddSingleton(provider => new RelayConnectionGate(RelayConnections(provider)));

        services.AddHttpClient<EagleRelayClient>()
            // The client enforces RequestTimeout per call with its own token; HttpClient's timeout would blur Timeout vs caller cancel.
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                CreatePrimaryHandler(provider.GetRequiredService<IOptions<EagleRelayOptions>>().Value, RelayConnections(provider),
                    provider.GetService<DescriptorBudget>()?.Connections))
            // PooledConnectionLifetime already recycles connections; rebuilding the handler would only drop the pool.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // One "sending/received" log pair per poll per user is noise at this volume; the client logs failures itself.
            .RemoveAllLoggers();

        return services;
    }

    /// <summary>Registers <see cref="PushSourceOptions"/> (bound from "Rainforest:Sources:Push", validated at start).</summary>
    public static IServiceCollection AddPushSourceOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PushSourceOptions>()
            .Bind(configuration.GetSection(PushSourceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Registers <see cref="LocalSourceOptions"/> (bound from "Rainforest:Sources:Local", validated at start),
    /// <see cref="GatewayNetworks"/> and the typed <see cref="EagleLocalClient"/>, whose handler connects only to
    /// allowed addresses and never through a proxy (a proxy would connect on our behalf, past the check).
    /// </summary>
    public static IServiceCollection AddEagleLocalClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<LocalSourceOptions>()
            .Bind(configuration.GetSection(LocalSourceOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalSourceOptions>, LocalSourceOptionsValidator>());
        services.TryAddSingleton(provider => new GatewayNetworks(provider.GetRequiredService<IOptions<LocalSourceOptions>>())
        {
            Connections = provider.GetService<DescriptorBudget>()?.Connections,
        });

        services.AddHttpClient<EagleLocalClient>()
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var relay = provider.GetRequiredService<IOptions<EagleRelayOptions>>().Value;
                var networks = provider.GetRequiredService<GatewayNetworks>();
                return new SocketsHttpHandler
                {
                    ConnectCallback = networks.ConnectAsync,
                    UseProxy = false,
                    // A redirect could point anywhere; the gateway's reply is all we want.
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    // Short-lived pools, so a gateway whose name now resolves elsewhere is connected (and checked) afresh.
                    PooledConnectionLifetime = PooledConnectionLifetime,
                    PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
                    ConnectTimeout = relay.RequestTimeout * 0.8,
                    AutomaticDecompression = DecompressionMethods.None,
                };
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        return services;
    }

    // The relay is one server: its pool may hold as many connections as the descriptor budget gives all gateways.
    private static int RelayConnections(IServiceProvider provider)
    {
        var configured = provider.GetRequiredService<IOptions<EagleRelayOptions>>().Value.MaxConnectionsPerServer;
        return provider.GetService<DescriptorBudget>() is { } budget ? Math.Min(configured, budget.Connections.Capacity) : configured;
    }

    private static SocketsHttpHandler CreatePrimaryHandler(EagleRelayOptions options, int maxConnections, DescriptorSlots? slots)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = PooledConnectionLifetime,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            // Below the request budget so an unreachable host is reported as such, not as a slow reply.
            ConnectTimeout = options.RequestTimeout * 0.8,
            // A redirect would re-send the Password header to wherever the relay points.
            AllowAutoRedirect = false,
            // One handler serves every user: a shared cookie jar would mix their relay sessions.
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            // Passwords are user-chosen; send non-ASCII ones as UTF-8 instead of failing the request.
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        };
        if (slots is not null) handler.ConnectCallback = BudgetedConnection.Callback(slots);

        if (!options.VerifyCertificate)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
            };
        }

        return handler;
    }
}

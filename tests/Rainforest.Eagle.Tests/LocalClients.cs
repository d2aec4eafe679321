using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Rainforest.Eagle.Local;

namespace Rainforest.Eagle.Tests;

/// <summary>Builds the local API client the way the hosts do: configuration plus AddEagleLocalClient.</summary>
public static class LocalClients
{
    /// <summary>The simulator listens on loopback, which is reachable only when listed.</summary>
    public static readonly string[] LoopbackAllowed = ["127.0.0.0/8"];

    public static ServiceProvider Services(IEnumerable<string>? allowedNetworks, TimeSpan? requestTimeout = null, FakeLogCollector? logs = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Rainforest:Eagle:RequestTimeout"] = (requestTimeout ?? TimeSpan.FromSeconds(5)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        var i = 0;
        foreach (var cidr in allowedNetworks ?? []) values[$"Rainforest:Sources:Local:AllowedNetworks:{i++}"] = cidr;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null) logging.AddProvider(new FakeLoggerProvider(logs));
        });
        services.AddEagleRelayClient(configuration);
        services.AddEagleLocalClient(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace Rainforest.Eagle.Tests;

/// <summary>Builds the relay client the way the hosts do: configuration plus AddEagleRelayClient.</summary>
public static class RelayClients
{
    public static readonly EagleCredentials Credentials = new("00abcd", "user@example.com", "s3cret-Pa55word");

    public static IConfiguration Configuration(Uri cloudUrl, TimeSpan? requestTimeout = null, bool? verifyCertificate = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Rainforest:Eagle:CloudUrl"] = cloudUrl.ToString(),
            ["Rainforest:Eagle:RequestTimeout"] = (requestTimeout ?? TimeSpan.FromSeconds(5)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (verifyCertificate is { } verify)
        {
            values["Rainforest:Eagle:VerifyCertificate"] = verify ? "true" : "false";
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public static ServiceProvider Services(IConfiguration configuration, FakeLogCollector? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(new FakeLoggerProvider(logs));
            }
        });
        services.AddEagleRelayClient(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

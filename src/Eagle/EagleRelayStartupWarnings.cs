using Microsoft.Extensions.Hosting;

namespace Rainforest.Eagle;

/// <summary>Says once, when the host starts, that the relay connection is configured insecurely.</summary>
internal sealed partial class EagleRelayStartupWarnings : IHostedService
{
    private readonly IOptions<EagleRelayOptions> _options;
    private readonly ILogger _logger;

    public EagleRelayStartupWarnings(IOptions<EagleRelayOptions> options, ILogger<EagleRelayStartupWarnings> logger)
    {
        _options = options;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        if (!options.VerifyCertificate)
        {
            LogVerificationOff(_logger, options.CloudUrl);
        }

        if (options.CloudUrl.Scheme == Uri.UriSchemeHttp && !options.CloudUrl.IsLoopback)
        {
            LogPlainHttp(_logger, options.CloudUrl);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning,
        Message = "TLS certificate verification is OFF for the relay {CloudUrl} (Rainforest:Eagle:VerifyCertificate=false): anyone on the network path can read users' gateway passwords. Use this only against a test relay.")]
    private static partial void LogVerificationOff(ILogger logger, Uri cloudUrl);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
        Message = "The relay {CloudUrl} is plain HTTP: users' gateway passwords cross the network unencrypted.")]
    private static partial void LogPlainHttp(ILogger logger, Uri cloudUrl);
}

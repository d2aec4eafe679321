using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rainforest.Domain.Descriptors;
using Rainforest.Domain.HourFiles;
using Rainforest.Eagle;
using Rainforest.Grains.Capture;
using Rainforest.Grains.Logging;
using Rainforest.Grains.Polling;
using Rainforest.Grains.Secrets;
using Rainforest.Grains.Sources;
using Rainforest.Grains.Telemetry;

namespace Rainforest.Grains.Hosting;

public static class RainforestGrainsServiceCollectionExtensions
{
    /// <summary>Everything the user grains need: options, the relay client, the password protector, metrics.</summary>
    public static IServiceCollection AddRainforestPolling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PollingOptions>().Bind(configuration.GetSection(PollingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PollingOptions>, PollingTimingValidator>();
        services.AddOptions<CaptureOptions>().Bind(configuration.GetSection(CaptureOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CaptureOptions>, CaptureOptionsValidator>();
        services.AddOptions<LogsOptions>().Bind(configuration.GetSection(LogsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddEagleRelayClient(configuration);
        services.AddEagleLocalClient(configuration);
        services.AddPushSourceOptions(configuration);
        services.AddSingleton<ReadingSources>();
        services.AddSingleton<GatewayPasswordProtector>();
        services.AddSingleton<PollingMetrics>();
        services.AddOptions<DescriptorOptions>().Bind(configuration.GetSection(DescriptorOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => DescriptorBudget.ForThisProcess(
            provider.GetRequiredService<IOptions<DescriptorOptions>>().Value,
            provider.GetRequiredService<IOptions<LogsOptions>>().Value.MaxOpenFiles,
            provider.GetRequiredService<IOptions<EagleRelayOptions>>().Value.MaxConnectionsPerServer));
        services.AddSingleton(provider => new OpenFileBudget(provider.GetRequiredService<DescriptorBudget>()));
        services.AddSingleton<DescriptorMetrics>();
        // Before the silo starts: the budget is made (or the start refused) while few descriptors are open.
        services.AddHostedService<DescriptorBudgetReport>();
        services.AddMetrics();
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        // Grain timers (a six-second one per user) share one timer wheel instead of a runtime timer each.
        services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains,
            (provider, _) => GrainTimerWheel.Over(provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}

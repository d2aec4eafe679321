using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Rainforest.Api.Hosting;

public static class ClusterCallResilience
{
    /// <summary>
    /// Options and the 503 mapping for grain calls that fail while silos come and go. The host adds
    /// <see cref="ClusterCallRetryFilter"/> to its silo or client builder.
    /// </summary>
    public static IServiceCollection AddClusterCallResilience(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterCallOptions>().Bind(configuration.GetSection(ClusterCallOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}

using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Readings;
using Rainforest.Archive.Rotation;
using Rainforest.Archive.Stores;
using Rainforest.Archive.Telemetry;

namespace Rainforest.Archive.Hosting;

public static class ArchiveSiloBuilderExtensions
{
    /// <summary>
    /// A keyed <see cref="AWSCredentials"/> registered under this key replaces the SDK's standard chain
    /// (for hosts that hold credentials themselves, and for tests).
    /// </summary>
    public const string CredentialsKey = "Rainforest.Archive";

    /// <summary>
    /// Ships this silo's finished hour files to the archive: options (validated at start), the store chosen
    /// by configuration (S3 when <c>Rainforest:Archive:Bucket</c> is set, else the local folder archive), the
    /// hour archive and status grains, the shipping schedule on the silo lifecycle, and the <c>Rainforest.Archive</c> meter.
    /// </summary>
    public static ISiloBuilder AddRainforestArchive(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;

        services.AddArchiveStore(configuration);
        services.TryAddSingleton<ArchiveHealth>();

        services.TryAddSingleton<HourArchiver>();
        services.TryAddSingleton<LogDirectoryScanner>();
        services.TryAddSingleton<ClusterPeers>();
        services.TryAddSingleton<ArchiveCircuit>();
        services.TryAddSingleton<ShippingBacklog>();
        services.TryAddSingleton<HourShipment>();
        services.TryAddSingleton<ShippingStatusReport>();
        services.TryAddSingleton<HourShipper>();
        services.TryAddSingleton<ShippingSchedule>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, HourShipperLifecycle>();

        // Every silo answers for its own hour files, so the readings API can ask each one for its part of an hour.
        services.TryAddSingleton<LocalHourFiles>();
        silo.AddPlacementDirector<OnSiloPlacement, OnSiloPlacementDirector>();
        return silo;
    }

    /// <summary>
    /// The archive store chosen by configuration (S3 when <c>Rainforest:Archive:Bucket</c> is set, else the local
    /// folder archive), with its validated options: what a silo ships to and what any API host reads from.
    /// </summary>
    public static IServiceCollection AddArchiveStore(this IServiceCollection services, IConfiguration configuration)
    {
        // The same LogsOptions the user grains write by; binding it again where both are hosted is harmless.
        services.AddOptions<LogsOptions>().Bind(configuration.GetSection(LogsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ArchiveOptions>()
            .Bind(configuration.GetSection(ArchiveOptions.SectionName))
            .Configure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.Bucket)) options.Bucket = null;
                if (string.IsNullOrWhiteSpace(options.ServiceUrl)) options.ServiceUrl = null;
                if (string.IsNullOrWhiteSpace(options.Region)) options.Region = null;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArchiveOptions>, ArchiveOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ArchiveMetrics>();
        services.TryAddSingleton<IArchiveStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ArchiveOptions>>();
            if (!options.Value.UsesBucket) return ActivatorUtilities.CreateInstance<FolderArchiveStore>(sp);
            var s3 = S3ClientFactory.Create(options.Value, sp.GetKeyedService<AWSCredentials>(CredentialsKey));
            return new S3ArchiveStore(s3, options, sp.GetRequiredService<ArchiveMetrics>());
        });
        return services;
    }

    /// <summary>
    /// Reading a user's logged readings back (the archive plus every active silo's unshipped hour files), for the API
    /// in a silo or in the standalone gateway, from the same configuration keys the shipper uses.
    /// </summary>
    public static IServiceCollection AddUserReadings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddArchiveStore(configuration);
        services.TryAddSingleton<IUnshippedHours, ClusterHourFiles>();
        services.TryAddSingleton<UserReadings>();
        return services;
    }
}

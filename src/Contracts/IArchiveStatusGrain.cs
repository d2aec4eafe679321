namespace Rainforest.Contracts;

/// <summary>
/// The cluster-wide view of archive shipping (a singleton, key 0). Each silo's shipper reports every few
/// seconds; the API shows <see cref="GetAsync"/>. Kept in memory only: a lost activation refills within one
/// report interval.
/// </summary>
public interface IArchiveStatusGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task ReportAsync(SiloArchiveStatus status);

    Task<ArchiveStatus> GetAsync();
}

public static class ArchiveStatusGrains
{
    public const long SingletonKey = 0;

    public static IArchiveStatusGrain ArchiveStatus(this IGrainFactory grains) =>
        grains.GetGrain<IArchiveStatusGrain>(SingletonKey);
}

namespace Rainforest.Archive.Readings;

/// <summary>
/// Every active silo's part of an hour not shipped yet: a user moved mid-hour has parts on two silos, and the
/// standalone gateway has none of its own. Each silo answers through its <see cref="ISiloHourFilesGrain"/>;
/// one that is active but does not answer in time makes the hour unavailable, never silently shorter.
/// </summary>
public sealed class ClusterHourFiles(IGrainFactory grains) : IUnshippedHours
{
    /// <summary>How long an active silo has to hand over one hour file (a local read of at most ~150 KB).</summary>
    public static readonly TimeSpan SiloAnswerTimeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<byte[]>> ReadAsync(string cloudId, DateTimeOffset hourUtc, RecordKind kind, CancellationToken cancellationToken)
    {
        // Asked for every hour, so a silo that joins during a long read is asked too.
        Dictionary<SiloAddress, SiloStatus> silos;
        try
        {
            silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(SiloAnswerTimeout, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UnshippedHoursUnavailableException("the cluster", e);
        }
        return await Task.WhenAll(silos.Keys.Select(silo => ReadAsync(silo, cloudId, hourUtc, kind, cancellationToken)));
    }

    private async Task<byte[]> ReadAsync(SiloAddress silo, string cloudId, DateTimeOffset hourUtc, RecordKind kind, CancellationToken cancellationToken)
    {
        try
        {
            var files = grains.GetGrain<ISiloHourFilesGrain>(silo.ToParsableString());
            return await (kind == RecordKind.Demand ? files.ReadAsync(cloudId, hourUtc) : files.ReadAsync(cloudId, hourUtc, kind.Name))
                .WaitAsync(SiloAnswerTimeout, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UnshippedHoursUnavailableException($"silo {silo}", e);
        }
    }
}

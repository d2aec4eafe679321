using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Rainforest.Silo.Cluster;

/// <summary>
/// When silos join, every running silo gives them its share of its users, so a new silo takes load at once
/// rather than only the users registered from then on (user grains never go idle, so nothing else would move
/// them). With S active silos of which N are new, each running silo moves (its users × N ÷ S), spread over the
/// newcomers, in batches; each move is a live migration with a gap of at most one poll.
/// </summary>
public sealed partial class UserRebalancer(
    LocalUserActivations activations,
    IClusterMembershipService membership,
    IClusterManifestProvider manifests,
    ILocalSiloDetails localSilo,
    IGrainFactory grains,
    IOptions<RainforestClusterOptions> options,
    IOptions<GrainDirectoryOptions> directoryOptions,
    IOptions<ClusterMembershipOptions> membershipOptions,
    TimeProvider time,
    ClusterMetrics metrics,
    ILogger<UserRebalancer> logger) : MembershipWatcher(membership, localSilo)
{
    private static readonly TimeSpan ManifestWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A silo that joins after a silo was declared dead may hold its part of the grain directory under a lease
    /// (the directory's range lease less the failure-detection window; none with the default settings): users
    /// moved into it meanwhile could not register and would stall. Moves wait that long after a join.
    /// </summary>
    private TimeSpan DirectorySettleTime
    {
        get
        {
            var detection = membershipOptions.Value;
            var lease = directoryOptions.Value.RangeLeaseDuration - detection.MaxProbeTimeout * detection.NumMissedProbesLimit;
            return lease > TimeSpan.Zero ? lease + TimeSpan.FromSeconds(1) : TimeSpan.Zero;
        }
    }

    protected override bool Enabled => options.Value.RebalanceOnJoin;

    protected override async Task OnChangeAsync(MembershipChange change, CancellationToken cancellationToken)
    {
        if (!change.LocalWasActive || change.Joined.Count == 0) return;
        try
        {
            await GiveShareAsync(change.Joined, change.ActiveSilos, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            LogRebalanceFailed(ex);
        }
    }

    private async Task GiveShareAsync(IReadOnlyList<SiloAddress> newcomers, int activeSilos, CancellationToken cancellationToken)
    {
        var users = activations.Snapshot();
        var share = users.Count * newcomers.Count / activeSilos;
        if (share == 0) return;

        // Placement honours a target only once that silo's grain manifest is known here.
        await WaitForManifestsAsync(newcomers, cancellationToken);
        if (DirectorySettleTime > TimeSpan.Zero) await Task.Delay(DirectorySettleTime, time, cancellationToken);

        var moving = users.OrderBy(_ => Random.Shared.Next()).Take(share).ToList();
        var batchSize = options.Value.RebalanceBatchSize;
        for (var offset = 0; offset < moving.Count; offset += batchSize)
        {
            var batch = moving.Skip(offset).Take(batchSize).ToList();
            for (var i = 0; i < batch.Count; i++)
            {
                var target = newcomers[(offset + i) % newcomers.Count];
                // Not cancelled with the rebalancing: a move once started completes.
                batch[i].Migrate(new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = target }, CancellationToken.None);
            }
            await Task.WhenAll(batch.Select(u => u.Deactivated)).WaitAsync(cancellationToken);
            // A user whose target vanished meanwhile was only deactivated: this activates it somewhere.
            await Task.WhenAll(batch.Select(u => grains.GetGrain<IUserGrain>(u.GrainId).WakeAsync()));
        }
        metrics.Moved(moving.Count, "rebalance");
        LogRebalanced(moving.Count, users.Count, string.Join(", ", newcomers));
    }

    private async Task WaitForManifestsAsync(IReadOnlyList<SiloAddress> silos, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ManifestWait);
        try
        {
            await foreach (var manifest in manifests.Updates.WithCancellation(timeout.Token))
            {
                if (silos.All(manifest.Silos.ContainsKey)) return;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Moving anyway: where a target is not known yet, placement picks a silo itself.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Moved} of {Users} users to the new silos {Silos}")]
    private partial void LogRebalanced(int moved, int users, string silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving users to new silos failed")]
    private partial void LogRebalanceFailed(Exception exception);
}

using Orleans.Runtime;

namespace Rainforest.Silo.Cluster;

/// <summary>
/// Follows the cluster's membership from the moment this silo is active until it stops, and hands every change
/// to <see cref="OnChangeAsync"/>, one at a time. Each watcher has its own loop, so a slow reaction in one (a
/// rebalancing waiting for manifests) never delays another (waking the users of a dead silo).
/// </summary>
public abstract class MembershipWatcher(IClusterMembershipService membership, ILocalSiloDetails localSilo)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _watch = Task.CompletedTask;

    /// <summary>Whether configuration turned this reaction on.</summary>
    protected abstract bool Enabled { get; }

    protected SiloAddress LocalSilo => localSilo.SiloAddress;

    /// <summary>Reacts to one change; an exception other than cancellation is the handler's to log.</summary>
    protected abstract Task OnChangeAsync(MembershipChange change, CancellationToken cancellationToken);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(GetType().Name, ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (Enabled) _watch = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watch.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        ClusterMembershipSnapshot? previous = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var change = MembershipChange.Between(previous, snapshot, localSilo.SiloAddress);
                previous = snapshot;
                if (change.Joined.Count > 0 || change.Died.Count > 0) await OnChangeAsync(change, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}

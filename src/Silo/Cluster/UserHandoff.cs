using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Rainforest.Silo.Cluster;

/// <summary>
/// A graceful stop hands every local user to the remaining silos before the runtime deactivates grains. Left
/// alone, Orleans deactivates them in place and nothing activates them again until their reminder fires, up to
/// a minute later. Here each user migrates (deactivated here, activated there at once), so it polls again at
/// its next slot on another silo: a gap of at most one poll. It runs while the membership agent announces the
/// shutdown, and waits for that, so placement can no longer choose this silo.
/// </summary>
public sealed partial class UserHandoff(
    LocalUserActivations activations,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IGrainFactory grains,
    IOptions<RainforestClusterOptions> options,
    ClusterMetrics metrics,
    ILogger<UserHandoff> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(UserHandoff), ServiceLifecycleStage.BecomeActive, _ => Task.CompletedTask, HandOffAsync);

    private async Task HandOffAsync(CancellationToken cancellationToken)
    {
        var users = activations.Snapshot();
        if (users.Count == 0) return;
        if (!membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(localSilo.SiloAddress)))
        {
            LogLastSilo(users.Count);
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(options.Value.HandoffTimeout);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await WaitUntilShuttingDownAsync(bounded.Token);
            foreach (var user in users) user.Migrate(requestContext: null, cancellationToken);
            await Task.WhenAll(users.Select(u => u.Deactivated)).WaitAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(options.Value.HandoffTimeout, users.Count(u => !u.Deactivated.IsCompleted));
        }

        // A user whose migration found no target (that silo left meanwhile) is activated elsewhere by this;
        // a migrated one just ignores it.
        try
        {
            await Task.WhenAll(users.Select(u => grains.GetGrain<IUserGrain>(u.GrainId).WakeAsync()));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogWakeFailed(ex.Message);
        }
        metrics.Moved(users.Count, "handoff");
        LogHandedOver(users.Count, stopwatch.Elapsed);
    }

    private async Task WaitUntilShuttingDownAsync(CancellationToken cancellationToken)
    {
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
        {
            if (snapshot.GetSiloStatus(localSilo.SiloAddress) != SiloStatus.Active) return;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed {Users} users over to the other silos in {Elapsed}")]
    private partial void LogHandedOver(int users, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No other active silo: {Users} users stop with this silo and resume when a silo starts")]
    private partial void LogLastSilo(int users);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing users over took longer than {Timeout}; {Remaining} are deactivated in place and woken elsewhere")]
    private partial void LogTimedOut(TimeSpan timeout, int remaining);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking handed-over users failed ({Error}); their reminders bring them back")]
    private partial void LogWakeFailed(string error);
}

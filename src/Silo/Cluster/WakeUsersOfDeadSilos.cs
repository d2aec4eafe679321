using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Rainforest.Silo.Cluster;

/// <summary>
/// A silo that dies without handing its users over (killed, crashed, cut off) leaves them inactive until their
/// next reminder fires on a survivor, up to a minute after its death is declared. As soon as the cluster declares
/// a silo dead, one survivor (the active silo with the lowest address, so the work is done once) wakes every
/// registered user; users already polling elsewhere ignore it.
/// </summary>
public sealed partial class WakeUsersOfDeadSilos(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    RegisteredUsers registeredUsers,
    IOptions<RainforestClusterOptions> options,
    ClusterMetrics metrics,
    ILogger<WakeUsersOfDeadSilos> logger) : MembershipWatcher(membership, localSilo)
{
    protected override bool Enabled => options.Value.WakeUsersWhenSiloDies;

    protected override async Task OnChangeAsync(MembershipChange change, CancellationToken cancellationToken)
    {
        if (change.Died.Count == 0 || !IsWaker(change.Current)) return;

        LogSiloDied(string.Join(", ", change.Died));
        try
        {
            var users = await registeredUsers.WakeAllAsync(cancellationToken);
            metrics.FailoverWake();
            LogWoke(users);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            LogWakeFailed(ex);
        }
    }

    // Every survivor sees the same membership: the lowest active address does the waking.
    private bool IsWaker(ClusterMembershipSnapshot snapshot) => snapshot.Members.Values
        .Where(m => m.Status == SiloStatus.Active)
        .Select(m => m.SiloAddress)
        .MinBy(address => address.ToParsableString(), StringComparer.Ordinal)
        ?.Equals(LocalSilo) == true;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silos} declared dead: waking every registered user on the survivors")]
    private partial void LogSiloDied(string silos);

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Users} registered users after a silo died")]
    private partial void LogWoke(int users);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking users after a silo died failed; their reminders bring them back")]
    private partial void LogWakeFailed(Exception exception);
}

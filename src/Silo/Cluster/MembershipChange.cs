using Orleans.Runtime;

namespace Rainforest.Silo.Cluster;

/// <summary>What one membership update changed, as seen from this silo.</summary>
/// <param name="Current">The membership now.</param>
/// <param name="Joined">Silos active now that were not active in the previous update.</param>
/// <param name="Died">Silos declared dead now that were alive (or joining) in the previous update.</param>
/// <param name="LocalWasActive">Whether this silo was already active before the update: a silo that is itself
/// just joining has no users to give away.</param>
public sealed record MembershipChange(
    ClusterMembershipSnapshot Current,
    IReadOnlyList<SiloAddress> Joined,
    IReadOnlyList<SiloAddress> Died,
    bool LocalWasActive)
{
    /// <summary>Compares two updates; the first update a silo sees has nothing to compare with and changes nothing.</summary>
    public static MembershipChange Between(ClusterMembershipSnapshot? previous, ClusterMembershipSnapshot current, SiloAddress local)
    {
        if (previous is null) return new(current, [], [], LocalWasActive: false);

        var joined = current.Members.Values
            .Where(m => m.Status == SiloStatus.Active && previous.GetSiloStatus(m.SiloAddress) != SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .ToList();
        var died = current.Members.Values
            .Where(m => m.Status == SiloStatus.Dead && previous.GetSiloStatus(m.SiloAddress) is not (SiloStatus.Dead or SiloStatus.None))
            .Select(m => m.SiloAddress)
            .ToList();
        return new(current, joined, died, previous.GetSiloStatus(local) == SiloStatus.Active);
    }

    /// <summary>The number of active silos after the update.</summary>
    public int ActiveSilos => Current.Members.Values.Count(m => m.Status == SiloStatus.Active);
}

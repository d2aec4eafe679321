namespace Rainforest.Archive.Shipping;

/// <summary>Whether any other silo is active: the grains that take an hour's merge, and the status, live there.</summary>
public sealed class ClusterPeers(IClusterMembershipService membership, ILocalSiloDetails localSilo)
{
    public SiloAddress Local => localSilo.SiloAddress;

    public bool AnotherSiloIsActive() =>
        membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(localSilo.SiloAddress));
}

using Orleans.Runtime.Placement;

namespace Rainforest.Archive.Readings;

/// <summary>
/// Chooses the silo a grain's key names, and no other: when that silo is not an active member (it stopped, or the
/// key is stale), the activation fails rather than landing elsewhere and answering for the wrong disk.
/// </summary>
public sealed class OnSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString();
        SiloAddress named;
        try
        {
            named = SiloAddress.FromParsableString(key);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            throw new OrleansException($"The grain key '{key}' is not a silo address.", e);
        }
        if (!context.GetCompatibleSilos(target).Contains(named)) throw new OrleansException($"Silo {named} is not an active member of the cluster.");
        return Task.FromResult(named);
    }
}

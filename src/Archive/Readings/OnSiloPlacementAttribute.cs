using Orleans.Placement;

namespace Rainforest.Archive.Readings;

/// <summary>The grain's activation lives on the silo its key names; see <see cref="OnSiloPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OnSiloPlacementAttribute() : PlacementAttribute(OnSiloPlacement.Instance);

namespace Rainforest.Archive.Readings;

/// <summary>Places a grain on the silo its string key names (a <see cref="SiloAddress"/> in parsable form).</summary>
[GenerateSerializer, Immutable]
public sealed class OnSiloPlacement : PlacementStrategy
{
    public static readonly OnSiloPlacement Instance = new();
}

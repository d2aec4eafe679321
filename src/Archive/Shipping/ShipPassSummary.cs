namespace Rainforest.Archive.Shipping;

/// <summary>What one shipping pass did, and the backlog it left.</summary>
public sealed record ShipPassSummary(int Found, int Attempted, int Shipped, int Failed, int Backlog)
{
    public static readonly ShipPassSummary Nothing = new(0, 0, 0, 0, 0);
}

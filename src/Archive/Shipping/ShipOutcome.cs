namespace Rainforest.Archive.Shipping;

/// <summary>How one attempt to ship an hour file ended.</summary>
public enum ShipOutcome
{
    /// <summary>Confirmed in the archive (and deleted, unless it changed meanwhile).</summary>
    Shipped,

    /// <summary>Failed; the file waits for its back-off.</summary>
    Failed,

    /// <summary>Not tried: the archive circuit is open.</summary>
    Skipped,

    /// <summary>The file was no longer there.</summary>
    Gone,
}

namespace Rainforest.Archive.Shipping;

/// <summary>A local hour file of ours: its path, whose it is and which hour.</summary>
public sealed record HourFile(string Path, string CloudId, DateTimeOffset Hour)
{
    public DateTimeOffset HourEnd => Hour.AddHours(1);
}

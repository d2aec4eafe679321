namespace Rainforest.Archive.Shipping;

/// <summary>A local hour file of ours: its path, whose it is, which hour and which kind of reading it holds.</summary>
public sealed record HourFile(string Path, string CloudId, DateTimeOffset Hour)
{
    public RecordKind Kind { get; init; } = RecordKind.Demand;

    public DateTimeOffset HourEnd => Hour.AddHours(1);
}

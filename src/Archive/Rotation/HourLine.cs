namespace Rainforest.Archive.Rotation;

/// <summary>One record line (without its newline) and its TimeStamp, the merge's sort key.</summary>
public readonly record struct HourLine(string Text, ulong TimeStamp);

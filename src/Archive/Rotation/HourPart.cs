namespace Rainforest.Archive.Rotation;

/// <summary>
/// One silo's part of a user-hour: its valid lines, each ending in "\n", exactly as they were logged, and
/// the TimeStamp of each line in the same order (so the merge need not parse them again).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HourPart(
    [property: Id(0)] byte[] Lines,
    [property: Id(1)] ulong[] TimeStamps)
{
    public int LineCount => TimeStamps.Length;
}

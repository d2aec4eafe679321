namespace Rainforest.Archive.Rotation;

/// <summary>What became of a part: the object's size after the merge, or why it failed.</summary>
[GenerateSerializer, Immutable]
public sealed record HourMergeResult(
    [property: Id(0)] HourMergeOutcome Outcome,
    [property: Id(1)] int ObjectLines,
    [property: Id(2)] int AddedLines,
    [property: Id(3)] long ObjectBytes,
    [property: Id(4)] ArchiveErrorKind ErrorKind,
    [property: Id(5)] string? ErrorCode,
    [property: Id(6)] string? Error)
{
    public bool Confirmed => Outcome is HourMergeOutcome.Written or HourMergeOutcome.AlreadyArchived;

    public static HourMergeResult Failed(ArchiveErrorKind kind, string? code, string error) =>
        new(HourMergeOutcome.Failed, 0, 0, 0, kind, code, error);
}

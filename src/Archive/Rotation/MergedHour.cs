namespace Rainforest.Archive.Rotation;

/// <summary>The union of an object's lines and a part's: distinct, in TimeStamp order.</summary>
public sealed record MergedHour(IReadOnlyList<HourLine> Lines, int ExistingLines, int AddedLines);

namespace Rainforest.Archive.Rotation;

/// <summary>A write the store accepted but that could not be confirmed: the version it left and the lines it was meant to hold.</summary>
public sealed record UnconfirmedWrite(string ETag, IReadOnlyList<HourLine> Lines);

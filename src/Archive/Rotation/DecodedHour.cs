namespace Rainforest.Archive.Rotation;

/// <summary>An archived object's lines; <see cref="Intact"/> is false when part of it could not be read.</summary>
public sealed record DecodedHour(IReadOnlyList<HourLine> Lines, bool Intact, int UnreadableLines, string? Problem);

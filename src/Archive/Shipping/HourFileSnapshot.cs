using Rainforest.Archive.Rotation;
namespace Rainforest.Archive.Shipping;

/// <summary>
/// An hour file as read for shipping: its valid lines as a part, what was dropped, and the length and
/// write time it had, so it is deleted only if it did not change after it was read.
/// </summary>
public sealed record HourFileSnapshot(HourPart Part, int TornBytes, int InvalidLines, string? InvalidSample, long Length, DateTime LastWriteUtc);

namespace Rainforest.Archive.Rotation;

/// <summary>
/// The only writer of one user-hour's archive object, keyed <c>&lt;cloud_id&gt;/&lt;YYYY-MM-DD-HH&gt;</c>
/// (<see cref="HourArchiveKey"/>). Every silo holding part of the hour hands it here; it merges the part
/// into the object, so the object only ever grows.
/// </summary>
public interface IHourArchiveGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reads the object (if any), adds the part's lines, removes exact duplicates, orders by TimeStamp and
    /// writes it back, confirmed. Never throws for store failures: the result says what went wrong.
    /// </summary>
    Task<HourMergeResult> MergeAsync(HourPart part);
}

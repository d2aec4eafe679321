using Orleans.Placement;

namespace Rainforest.Archive.Rotation;

/// <summary>
/// The single writer of one user-hour's object. Activated next to the silo that ships (most hours have one
/// part), deactivated as soon as the object is confirmed; an unconfirmed write is remembered until retried.
/// </summary>
[PreferLocalPlacement]
public sealed partial class HourArchiveGrain(HourArchiver archiver, ILogger<HourArchiveGrain> logger) : Grain, IHourArchiveGrain
{
    private readonly HourWriteMemory _memory = new();

    async Task<HourMergeResult> IHourArchiveGrain.MergeAsync(HourPart part)
    {
        var key = this.GetPrimaryKeyString();
        if (!HourArchiveKey.TryParse(key, out var cloudId, out var hourUtc, out var kind))
        {
            return HourMergeResult.Failed(ArchiveErrorKind.Permanent, "InvalidKey", $"'{key}' is not <cloud_id>/<YYYY-MM-DD-HH>[/<kind>].");
        }

        HourMergeResult result;
        try
        {
            result = await archiver.MergeAsync(cloudId, hourUtc, kind, part, _memory, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogUnexpected(e, key);
            result = HourMergeResult.Failed(ArchiveErrorKind.Transient, e.GetType().Name, e.Message);
        }

        if (_memory.Unconfirmed is null) DeactivateOnIdle();
        else DelayDeactivation(TimeSpan.FromHours(1));
        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Merging into the archive object of {HourKey} failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, string hourKey);
}

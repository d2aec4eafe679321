namespace Rainforest.Archive.Shipping;

/// <summary>A finished hour file not yet confirmed in the archive, with its own back-off.</summary>
public sealed class PendingHourFile(HourFile file, DateTimeOffset dueAt)
{
    public HourFile File { get; } = file;
    public DateTimeOffset NextAttemptAt { get; set; } = dueAt;
    public int Attempts { get; set; }
    public bool DropsReported { get; set; }
}

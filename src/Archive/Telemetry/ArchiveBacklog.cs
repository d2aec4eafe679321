namespace Rainforest.Archive.Telemetry;

/// <summary>Finished hour files waiting on this silo's disk, and how long the oldest hour has been over.</summary>
public readonly record struct ArchiveBacklog(int Files, DateTimeOffset? OldestHour, TimeSpan? OldestAge);

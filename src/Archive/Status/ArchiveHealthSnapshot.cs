namespace Rainforest.Archive.Status;

/// <summary>This silo's shipping health at one moment.</summary>
public sealed record ArchiveHealthSnapshot(long HoursShipped, DateTimeOffset? LastSuccessAt, ArchiveErrorKind LastErrorKind,
    string? LastError, DateTimeOffset? LastErrorAt, bool Failing);

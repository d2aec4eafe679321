namespace Rainforest.Contracts;

/// <summary>
/// One silo's shipping of finished hours, as its shipper last reported it. The backlog is hour files still
/// on that silo's disk, waiting for a confirmed upload; nothing is ever dropped from it. A silo that restarts
/// on the same host and logs directory replaces its earlier report.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SiloArchiveStatus(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Target,
    [property: Id(2)] int BacklogFiles,
    [property: Id(3)] DateTimeOffset? OldestBacklogHour,
    [property: Id(4)] TimeSpan? OldestBacklogAge,
    [property: Id(5)] long HoursShipped,
    [property: Id(6)] DateTimeOffset? LastSuccessAt,
    [property: Id(7)] ArchiveErrorKind LastErrorKind,
    [property: Id(8)] string? LastError,
    [property: Id(9)] DateTimeOffset? LastErrorAt,
    [property: Id(10)] bool Failing,
    [property: Id(11)] int ForeignEntries,
    [property: Id(12)] DateTimeOffset ReportedAt,
    [property: Id(13)] string Host,
    [property: Id(14)] string LogsDirectory);

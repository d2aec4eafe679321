namespace Rainforest.Contracts;

/// <summary>
/// The cluster's shipping of finished hours: every silo's last report (compare its ReportedAt with AsOf to
/// spot a silo that stopped reporting) and the totals over all silos.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ArchiveStatus(
    [property: Id(0)] IReadOnlyList<SiloArchiveStatus> Silos,
    [property: Id(1)] int BacklogFiles,
    [property: Id(2)] TimeSpan? OldestBacklogAge,
    [property: Id(3)] long HoursShipped,
    [property: Id(4)] bool Failing,
    [property: Id(5)] DateTimeOffset AsOf);

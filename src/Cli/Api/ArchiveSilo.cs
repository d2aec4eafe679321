namespace Rainforest.Cli.Api;

/// <summary>One silo's shipping of finished hours, as far as <c>GET /api/archive</c> tells it.</summary>
public sealed record ArchiveSilo(
    string Silo,
    string? Host,
    int? BacklogFiles,
    string? OldestBacklogAge,
    long? HoursShipped,
    bool? Failing,
    string? LastError);

namespace Rainforest.Cli.Output;

/// <summary>The <c>--json</c> form of a migration's report.</summary>
public sealed record MigrationSummary(
    string Source,
    string Server,
    bool DryRun,
    int Keys,
    int Created,
    int Updated,
    int Unchanged,
    int WouldCreate,
    int AlreadyRegistered,
    int Skipped,
    int Failed,
    int NotSent,
    int Inactive,
    double ElapsedSeconds,
    string? StoppedBy,
    int ExitCode,
    IReadOnlyList<MigrationResult> Results)
{
    public static MigrationSummary From(string source, Uri server, MigrationReport report) => new(
        source, server.ToString(), report.DryRun, report.Keys,
        report.Count(MigrationOutcome.Created), report.Count(MigrationOutcome.Updated), report.Count(MigrationOutcome.Unchanged),
        report.Count(MigrationOutcome.WouldCreate), report.Count(MigrationOutcome.AlreadyRegistered),
        report.Skipped.Count, report.Failed.Count, report.NotSent, report.Inactive,
        Math.Round(report.Elapsed.TotalSeconds, 3), report.StoppedBy?.Message, report.ExitCode, report.Results);
}

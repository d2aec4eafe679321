namespace Rainforest.Cli.Migration;

/// <summary>The summary of one migration (or dry run): counts, every skipped or failed key, and why a run stopped early.</summary>
public sealed record MigrationReport(
    bool DryRun,
    int Keys,
    int Inactive,
    IReadOnlyList<MigrationResult> Results,
    int NotSent,
    TimeSpan Elapsed,
    CommandException? StoppedBy)
{
    public int Count(MigrationOutcome outcome) => Results.Count(r => r.Outcome == outcome);

    public IReadOnlyList<MigrationResult> Skipped => Results.Where(r => r.Outcome == MigrationOutcome.Skipped).ToList();

    public IReadOnlyList<MigrationResult> Failed => Results.Where(r => r.Outcome == MigrationOutcome.Failed).ToList();

    /// <summary>Stopped early (3, 4, …) over server failures (6) over skipped records (1).</summary>
    public int ExitCode =>
        StoppedBy?.ExitCode
        ?? (Count(MigrationOutcome.Failed) > 0 ? ExitCodes.ServerError
            : Count(MigrationOutcome.Skipped) > 0 ? ExitCodes.LinesRejected
            : ExitCodes.Ok);
}

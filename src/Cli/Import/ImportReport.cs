namespace Rainforest.Cli.Import;

/// <summary>The summary of one import: counts, every rejected or failed line, and why a run stopped early.</summary>
public sealed record ImportReport(
    int Lines,
    int Created,
    int Updated,
    int Unchanged,
    IReadOnlyList<LineResult> Rejected,
    IReadOnlyList<LineResult> Failed,
    int NotSent,
    TimeSpan Elapsed,
    CommandException? StoppedBy)
{
    /// <summary>Stopped early (3, 4, …) over server failures (6) over rejected lines (1).</summary>
    public int ExitCode =>
        StoppedBy?.ExitCode
        ?? (Failed.Count > 0 ? ExitCodes.ServerError
            : Rejected.Count > 0 ? ExitCodes.LinesRejected
            : ExitCodes.Ok);

    public static ImportReport From(ImportFile file, IEnumerable<LineResult> results, CommandException? stoppedBy, TimeSpan elapsed)
    {
        var all = results.OrderBy(r => r.Line).ToList();
        int Count(LineOutcome outcome) => all.Count(r => r.Outcome == outcome);
        return new ImportReport(
            file.LineCount,
            Count(LineOutcome.Created),
            Count(LineOutcome.Updated),
            Count(LineOutcome.Unchanged),
            all.Where(r => r.Outcome == LineOutcome.Rejected).ToList(),
            all.Where(r => r.Outcome == LineOutcome.Failed).ToList(),
            file.LineCount - all.Count,
            elapsed,
            stoppedBy);
    }
}

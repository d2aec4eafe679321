namespace Rainforest.Cli.Output;

/// <summary>The <c>--json</c> form of an import's report.</summary>
public sealed record ImportSummary(
    string File,
    string Server,
    int Lines,
    int Created,
    int Updated,
    int Unchanged,
    int Rejected,
    int Failed,
    int NotSent,
    double ElapsedSeconds,
    string? StoppedBy,
    int ExitCode,
    IReadOnlyList<LineResult> Rejections,
    IReadOnlyList<LineResult> Failures)
{
    public static ImportSummary From(string file, Uri server, ImportReport report) => new(
        file, server.ToString(), report.Lines, report.Created, report.Updated, report.Unchanged,
        report.Rejected.Count, report.Failed.Count, report.NotSent, Math.Round(report.Elapsed.TotalSeconds, 3),
        report.StoppedBy?.Message, report.ExitCode, report.Rejected, report.Failed);
}

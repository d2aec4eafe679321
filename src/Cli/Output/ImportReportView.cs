using System.Globalization;

namespace Rainforest.Cli.Output;

/// <summary>An import's summary as text: the counts, then every rejected or failed line with its reason.</summary>
public static class ImportReportView
{
    public static async Task WriteAsync(TextWriter writer, string file, Uri server, ImportReport report)
    {
        var seconds = report.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        await writer.WriteLineAsync($"Imported {file} into {server} ({report.Lines} lines in {seconds} s)");
        await Count(writer, "created", report.Created);
        await Count(writer, "updated", report.Updated);
        await Count(writer, "unchanged", report.Unchanged);
        await Count(writer, "rejected", report.Rejected.Count);
        if (report.Failed.Count > 0) await Count(writer, "failed", report.Failed.Count);
        if (report.NotSent > 0) await Count(writer, "not sent", report.NotSent);

        await Lines(writer, "Rejected lines (fix them and run the import again; it is safe to repeat):", report.Rejected);
        await Lines(writer, "Failed lines (the server failed; run the import again):", report.Failed);
        if (report.StoppedBy is not null)
        {
            await writer.WriteLineAsync(
                $"Stopped early: {report.NotSent} lines were not sent. Run the import again once the cause is fixed; it is safe to repeat.");
        }
    }

    public static string Describe(LineResult line)
    {
        var who = line.CloudId is null ? "" : $" ({line.CloudId})";
        var by = line.Status is { } status ? $"server said {status}: " : "";
        return $"line {line.Line}{who}: {by}{line.Reason}";
    }

    private static Task Count(TextWriter writer, string name, int value) =>
        writer.WriteLineAsync($"  {name,-10} {value,7}");

    private static async Task Lines(TextWriter writer, string heading, IReadOnlyList<LineResult> lines)
    {
        if (lines.Count == 0) return;
        await writer.WriteLineAsync(heading);
        foreach (var line in lines) await writer.WriteLineAsync("  " + Describe(line));
    }
}

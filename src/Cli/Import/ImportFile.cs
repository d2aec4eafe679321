namespace Rainforest.Cli.Import;

/// <summary>
/// An import file read whole (so the progress bar knows its length): the lines to send, and the lines refused
/// before sending with their line numbers. Blank lines are skipped. A Cloud ID that appears again is refused
/// on its later lines, so the file has one meaning whatever order parallel requests land in, and re-running
/// it changes nothing.
/// </summary>
public sealed class ImportFile
{
    private ImportFile(IReadOnlyList<ImportLine> lines, IReadOnlyList<LineResult> refused, int lineCount)
    {
        Lines = lines;
        Refused = refused;
        LineCount = lineCount;
    }

    /// <summary>The users to send, in file order.</summary>
    public IReadOnlyList<ImportLine> Lines { get; }

    /// <summary>Lines that are plainly wrong, never sent.</summary>
    public IReadOnlyList<LineResult> Refused { get; }

    /// <summary>Non-blank lines.</summary>
    public int LineCount { get; }

    public static async Task<ImportFile> ReadAsync(TextReader reader, CancellationToken ct)
    {
        var lines = new List<ImportLine>();
        var refused = new List<LineResult>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        var count = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            count++;

            if (!ImportLine.TryParse(number, text, out var line, out var cloudId, out var reason))
            {
                refused.Add(new LineResult(number, cloudId, LineOutcome.Rejected, reason));
            }
            else if (firstLineOf.TryGetValue(line!.CloudId, out var first))
            {
                refused.Add(new LineResult(number, line.CloudId, LineOutcome.Rejected,
                    $"cloud_id {line.CloudId} is already on line {first}; only its first line is imported"));
            }
            else
            {
                firstLineOf[line.CloudId] = number;
                lines.Add(line);
            }
        }
        return new ImportFile(lines, refused, count);
    }
}

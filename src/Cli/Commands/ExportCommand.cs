namespace Rainforest.Cli.Commands;

/// <summary>
/// <c>users export</c>: every user as a JSON line, sorted by Cloud ID, in the original record's names and
/// without passwords. The list gives the ids; each user is then read for its e-mail address.
/// </summary>
public static class ExportCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write to this file (replaced whole when the export is complete) instead of standard output",
            HelpName = "file",
        };
        var parallel = Arguments.Parallel("users to read");

        var command = new Command("export", "Write every user as JSON lines (cloud_id, user_email, counters; never passwords)") { output, parallel };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console,
            (context, token) => RunAsync(context, parse.GetValue(output), parse.GetValue(parallel), token), ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string? path, int parallel, CancellationToken ct)
    {
        var list = await context.Client.ListUsersAsync(state: null, ct);
        var ids = list.Value.Users.Select(u => u.CloudId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var records = new ExportRecord?[ids.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct },
            async (i, token) =>
            {
                // A user deleted since the list was read is simply not exported.
                if (await context.Client.TryGetUserAsync(ids[i], token) is { } user) records[i] = ExportRecord.From(user.Value);
            });
        var exported = records.OfType<ExportRecord>().ToList();

        if (path is null)
        {
            await WriteLinesAsync(context.Out, exported);
            return ExitCodes.Ok;
        }

        await WriteFileAsync(path, exported, ct);
        if (context.Json) await JsonOutput.WriteAsync(context.Out, new { file = path, exported = exported.Count });
        else await context.Out.WriteLineAsync($"Exported {exported.Count} users to {path}");
        return ExitCodes.Ok;
    }

    private static async Task WriteLinesAsync(TextWriter writer, IEnumerable<ExportRecord> records)
    {
        foreach (var record in records) await writer.WriteLineAsync(JsonSerializer.Serialize(record, ApiJson.Lines));
    }

    // Written beside the target and moved over it, so a reader never sees half an export.
    private static async Task WriteFileAsync(string path, IEnumerable<ExportRecord> records, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + ".partial";
        try
        {
            await using (var writer = new StreamWriter(temporary))
            {
                await WriteLinesAsync(writer, records);
                await writer.FlushAsync(ct);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(ExitCodes.Usage, $"Cannot write {path}: {ex.Message}");
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}

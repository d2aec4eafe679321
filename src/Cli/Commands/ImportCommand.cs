namespace Rainforest.Cli.Commands;

/// <summary>
/// <c>users import FILE</c>: registers every user of a JSON-lines file in the original format. Bad lines are
/// reported with their numbers and skipped; the rest go in. Running the same file again changes nothing.
/// </summary>
public static class ImportCommand
{
    public const string StandardInput = "-";

    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var file = new Argument<string>("FILE")
        {
            Description = """JSON lines, one user each: {"cloud_id": "002506", "user_email": "…", "user_pw": "…"}, or {"cloud_id": …, "source": "local", "gateway_url": "http://…", "install_code": "…"}, or {"cloud_id": …, "source": "push"} (other fields ignored); - reads standard input""",
        };
        file.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string>();
            if (path != StandardInput && !File.Exists(path)) result.AddError($"File not found: {path}");
        });
        var parallel = Arguments.Parallel("users to send");

        var command = new Command("import", "Create or update the users of a JSON-lines file; safe to run again") { file, parallel };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console,
            (context, token) => RunAsync(context, parse.GetValue(file)!, parse.GetValue(parallel), token), ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string path, int parallel, CancellationToken ct)
    {
        var file = await ReadAsync(context.Console, path, ct);
        var importer = new UserImporter(context.Client, parallel);
        var terminal = context.Console.OutIsTerminal && !context.Json ? context.Screen : null;
        var report = await ImportProgress.RunAsync(terminal, file.Lines.Count, onLineDone => importer.RunAsync(file, onLineDone, ct));

        if (context.Json) await JsonOutput.WriteAsync(context.Out, ImportSummary.From(path, context.Client.Server, report));
        else await ImportReportView.WriteAsync(context.Out, path, context.Client.Server, report);

        if (report.StoppedBy is not null) await context.Console.Error.WriteLineAsync($"error: {report.StoppedBy.Message}");
        return report.ExitCode;
    }

    private static async Task<ImportFile> ReadAsync(CliConsole console, string path, CancellationToken ct)
    {
        if (path == StandardInput) return await ImportFile.ReadAsync(console.In, ct);
        try
        {
            using var reader = new StreamReader(path);
            return await ImportFile.ReadAsync(reader, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(ExitCodes.Usage, $"Cannot read {path}: {ex.Message}");
        }
    }
}

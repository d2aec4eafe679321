namespace Rainforest.Cli.Commands;

/// <summary>
/// <c>status</c>: is the server ready, how many users poll or fail, and how the archive keeps up (silos and
/// backlog, from <c>GET /api/archive</c>; "unknown" when the server does not offer it).
/// </summary>
public static class StatusCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var command = new Command("status", "Readiness, users polling and failing, silos and archive backlog");
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, RunAsync, ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken ct)
    {
        var client = context.Client;
        var readiness = await client.GetReadinessAsync(ct);
        var users = await client.ListUsersAsync(state: null, ct);
        var archive = await client.TryGetArchiveStatusAsync(ct);
        var silos = archive is { } json ? ArchiveSummary.From(json).Silos?.Count : null;

        var report = new StatusReport(client.Server.ToString(), readiness.Ready, readiness.Detail, silos,
            UserCounts.From(users.Value.Users), archive);
        if (context.Json) await JsonOutput.WriteAsync(context.Out, report);
        else StatusView.Write(context.Screen, context.Console.OutIsTerminal, report);
        return ExitCodes.Ok;
    }
}

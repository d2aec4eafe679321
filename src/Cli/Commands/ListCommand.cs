namespace Rainforest.Cli.Commands;

/// <summary><c>users list</c>: a table of every user (or those in one state); <c>--json</c> prints the API's list.</summary>
public static class ListCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var status = new Option<string?>("--status")
        {
            Description = "Only users in this state (failing includes credentials_rejected)",
            HelpName = "state",
        };
        status.AcceptOnlyFromAmong("polling", "failing", "credentials_rejected", "paused");

        var command = new Command("list", "A table of users: id, state, events logged, last success, last error") { status };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console,
            (context, token) => RunAsync(context, parse.GetValue(status), token), ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string? status, CancellationToken ct)
    {
        var list = await context.Client.ListUsersAsync(status, ct);
        if (context.Json) await JsonOutput.WriteAsync(context.Out, list.Json);
        else UserListView.Write(context.Screen, context.Console.OutIsTerminal, list.Value);
        return ExitCodes.Ok;
    }
}

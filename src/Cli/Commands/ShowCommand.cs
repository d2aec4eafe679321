namespace Rainforest.Cli.Commands;

/// <summary><c>users show ID</c>: one user with counters and polling status; <c>--json</c> prints the API's object.</summary>
public static class ShowCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var id = Arguments.CloudId();
        var command = new Command("show", "One user: e-mail, counters and polling status (never the password)") { id };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console,
            (context, token) => RunAsync(context, parse.GetValue(id).Value, token), ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string id, CancellationToken ct)
    {
        var user = await context.Client.GetUserAsync(id, ct);
        if (context.Json) await JsonOutput.WriteAsync(context.Out, user.Json);
        else UserView.Write(context.Screen, context.Console.OutIsTerminal, user.Value);
        return ExitCodes.Ok;
    }
}

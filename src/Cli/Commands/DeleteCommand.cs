namespace Rainforest.Cli.Commands;

/// <summary><c>users delete ID</c>: stop polling and forget the credentials; what was logged is still shipped.</summary>
public static class DeleteCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var id = Arguments.CloudId();
        var command = new Command("delete", "Stop polling a user and forget the credentials (logged readings are still shipped)") { id };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console,
            (context, token) => RunAsync(context, parse.GetValue(id).Value, token), ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string id, CancellationToken ct)
    {
        await context.Client.DeleteUserAsync(id, ct);
        if (context.Json) await JsonOutput.WriteAsync(context.Out, new { cloud_id = id, deleted = true });
        else await context.Out.WriteLineAsync($"Deleted {id}: no longer polled, credentials forgotten; what it logged is still shipped.");
        return ExitCodes.Ok;
    }
}

namespace Rainforest.Cli.Commands;

/// <summary>
/// Runs one command's body against the server: resolves the settings, owns the client, and turns a
/// <see cref="CommandException"/> into a one-line message on standard error and its exit code.
/// </summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CliConsole console,
        Func<CommandContext, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        try
        {
            var settings = globals.Resolve(parse, console);
            using var client = new RainforestClient(settings);
            using var context = new CommandContext(console, client, parse.GetValue(globals.Json));
            return await body(context, ct);
        }
        catch (CommandException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("interrupted");
            return ExitCodes.Interrupted;
        }
    }
}

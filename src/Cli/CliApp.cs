using System.CommandLine.Invocation;

namespace Rainforest.Cli;

/// <summary>
/// The <c>rainforest</c> command line as a library: parse, run one command, return its exit code.
/// <c>Program.cs</c> binds it to the process; tests call it with captured writers and their own environment.
/// </summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default) =>
        RunAsync(args, CliConsole.Captured(output, error, environment), ct);

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct = default)
    {
        var parse = RainforestCommand.Create(console).Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Commands report their own failures with exit codes; anything else is a defect, handled below.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = console.OwnsProcess ? TimeSpan.FromSeconds(2) : null,
        };
        if (parse.Action is ParseErrorAction parseError)
        {
            // A bare group ("rainforest users") gets its help; any other mistake gets the error alone, not
            // buried under a screenful of help on stdout.
            parseError.ShowHelp = parse.CommandResult.Command.Subcommands.Count > 0 && parse.UnmatchedTokens.Count == 0;
        }

        try
        {
            var code = await parse.InvokeAsync(configuration, ct);
            if (parse.Action is ParseErrorAction)
            {
                await console.Error.WriteLineAsync($"See '{CommandPath(parse)} --help'.");
                return ExitCodes.Usage;
            }
            return code;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            await console.Error.WriteLineAsync($"rainforest: unexpected error: {ex}");
            return ExitCodes.Unexpected;
        }
    }

    // "rainforest users import", whatever the executable is called (tests run inside the test host).
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? RainforestCommand.Name : result.Command.Name);
        }
        return string.Join(' ', names);
    }
}

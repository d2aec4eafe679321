namespace Rainforest.Cli.Commands;

/// <summary>The command tree: <c>rainforest users import|export|list|show|delete</c>, <c>rainforest readings</c>, <c>rainforest status</c> and <c>rainforest migrate</c>.</summary>
public static class RainforestCommand
{
    public const string Name = "rainforest";

    private const string Description = """
        Operate a Rainforest Logger over its HTTP API (one silo, or a gateway in front of a cluster).

        Exit codes: 0 ok, 1 import or migration finished with rejected lines or skipped records, 2 bad arguments or no API key,
        3 server unreachable, 4 API key rejected, 5 user not found, 6 server error.
        """;

    public static RootCommand Create(CliConsole console)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand(Description)
        {
            UsersCommand.Create(globals, console),
            ReadingsCommand.Create(globals, console),
            StatusCommand.Create(globals, console),
            MigrateCommand.Create(globals, console),
        };
        // The name in usage lines, also when the tool runs inside another host (dotnet run, tests).
        root.HelpName = Name;
        globals.AddTo(root);
        return root;
    }
}

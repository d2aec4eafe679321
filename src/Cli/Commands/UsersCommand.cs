namespace Rainforest.Cli.Commands;

/// <summary><c>rainforest users …</c>: the user lifecycle.</summary>
public static class UsersCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console) =>
        new("users", "Register, list, inspect, export and delete users")
        {
            ImportCommand.Create(globals, console),
            ExportCommand.Create(globals, console),
            ListCommand.Create(globals, console),
            ShowCommand.Create(globals, console),
            DeleteCommand.Create(globals, console),
        };
}

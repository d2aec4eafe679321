namespace Rainforest.Cli;

/// <summary>A failure an operator can act on: its message is printed as is and its exit code ends the run.</summary>
public sealed class CommandException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

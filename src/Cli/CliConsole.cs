namespace Rainforest.Cli;

/// <summary>
/// Where one run reads and writes: the process's console, or writers a test captured. The environment is
/// injected too, so a test never picks up the machine's RAINFOREST_* variables by accident.
/// </summary>
public sealed class CliConsole
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    public required Func<string, string?> Environment { get; init; }

    /// <summary>True when <see cref="Out"/> is an interactive terminal: progress bar and colours; plain text otherwise.</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>True when <see cref="Error"/> is an interactive terminal: where a progress display goes while data goes elsewhere.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The run owns the process, so it may install the Ctrl+C handler.</summary>
    public bool OwnsProcess { get; init; }

    public static CliConsole FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        Environment = System.Environment.GetEnvironmentVariable,
        OutIsTerminal = !Console.IsOutputRedirected && System.Environment.GetEnvironmentVariable("TERM") != "dumb",
        ErrorIsTerminal = !Console.IsErrorRedirected && System.Environment.GetEnvironmentVariable("TERM") != "dumb",
        OwnsProcess = true,
    };

    public static CliConsole Captured(TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string>? environment = null, TextReader? input = null) => new()
    {
        Out = output,
        Error = error,
        In = input ?? TextReader.Null,
        Environment = name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
    };
}

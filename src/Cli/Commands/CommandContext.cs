using Spectre.Console;

namespace Rainforest.Cli.Commands;

/// <summary>What a command runs with: where to write, the API client, and whether to write JSON.</summary>
public sealed class CommandContext(CliConsole console, RainforestClient client, bool json) : IDisposable
{
    private IAnsiConsole? _screen;

    public CliConsole Console { get; } = console;

    public RainforestClient Client { get; } = client;

    public bool Json { get; } = json;

    public TextWriter Out => Console.Out;

    /// <summary>Tables and colours on standard output.</summary>
    public IAnsiConsole Screen => _screen ??= Output.Screen.For(Console.Out, Console.OutIsTerminal);

    /// <summary>Writes out whatever the screen still holds (a last line without its line break).</summary>
    public void Dispose() => _screen?.Profile.Out.Writer.Flush();
}

using Spectre.Console;

namespace Rainforest.Cli.Output;

/// <summary>
/// Spectre consoles over a run's writers. On a terminal: colours, borders, the progress bar. Anywhere else
/// (a pipe, a file, a test): no escape codes, no borders, and a wide line so a table row is one line for grep.
/// </summary>
public static class Screen
{
    private const int PipeWidth = 240;

    public static IAnsiConsole For(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(terminal ? writer : new LineTrimmingWriter(writer)),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = PipeWidth;
        return console;
    }

    public static Table Table(bool terminal, params string[] headers)
    {
        var table = new Table { Border = terminal ? TableBorder.Rounded : TableBorder.None };
        foreach (var header in headers)
        {
            // Without borders, two blanks keep "CLOUD ID" and the next column apart.
            var column = new TableColumn(new Text(header)) { NoWrap = true };
            if (!terminal) column.Padding = new Padding(0, 0, 2, 0);
            table.AddColumn(column);
        }
        return table;
    }
}

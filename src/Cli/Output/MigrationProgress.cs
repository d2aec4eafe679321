using Spectre.Console;

namespace Rainforest.Cli.Output;

/// <summary>
/// Progress bars over a migration, drawn only on a terminal: reading the old store's keys, then registering
/// its users. Elsewhere every call is a no-op and only the report is written.
/// </summary>
public sealed class MigrationProgress
{
    private readonly ProgressContext? _context;
    private readonly string _registering;
    private ProgressTask? _reading;
    private ProgressTask? _sending;

    private MigrationProgress(ProgressContext? context, string registering)
    {
        _context = context;
        _registering = registering;
    }

    public static async Task<T> RunAsync<T>(IAnsiConsole? terminal, string registering, Func<MigrationProgress, Task<T>> run)
    {
        if (terminal is null) return await run(new MigrationProgress(null, registering));
        return await terminal.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(context => run(new MigrationProgress(context, registering)));
    }

    /// <summary>About <paramref name="keys"/> keys to read (the database's size when the scan starts).</summary>
    public void Reading(long keys) => _reading = _context?.AddTask("Reading keys", maxValue: Math.Max(1, keys));

    public void Read(int keys) => _reading?.Increment(keys);

    public void Registering(int users)
    {
        _reading?.Value(_reading.MaxValue);
        _reading?.StopTask();
        _sending = _context?.AddTask(_registering, maxValue: Math.Max(1, users));
    }

    public void Registered() => _sending?.Increment(1);
}

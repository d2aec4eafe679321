using Spectre.Console;

namespace Rainforest.Cli.Output;

/// <summary>A progress bar over an import, drawn only on a terminal; elsewhere the import runs silently.</summary>
public static class ImportProgress
{
    public static async Task<ImportReport> RunAsync(IAnsiConsole? terminal, int lines,
        Func<Action<LineResult>?, Task<ImportReport>> import)
    {
        if (terminal is null || lines == 0) return await import(null);

        return await terminal.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Importing users", maxValue: lines);
                var report = await import(_ => task.Increment(1));
                task.StopTask();
                return report;
            });
    }
}

using System.Globalization;
using Spectre.Console;

namespace Rainforest.Cli.Output;

/// <summary>One step of <c>GET /api/users/{id}/readings/summary</c>.</summary>
public sealed record SummaryStep(DateTimeOffset Start, long Count, double MeanKw, double MinKw, double MaxKw, double EnergyKwh);

/// <summary>A summary as a table for a person: one row per step that has readings.</summary>
public static class SummaryView
{
    public static void Write(IAnsiConsole screen, bool terminal, IReadOnlyList<SummaryStep> steps)
    {
        if (steps.Count == 0)
        {
            screen.WriteLine("No readings in the range.");
            return;
        }
        var table = Screen.Table(terminal, "START", "COUNT", "MEAN KW", "MIN KW", "MAX KW", "KWH");
        foreach (var step in steps)
        {
            table.AddRow(Times.Show(step.Start), step.Count.ToString(CultureInfo.InvariantCulture),
                Kw(step.MeanKw), Kw(step.MinKw), Kw(step.MaxKw), Kwh(step.EnergyKwh));
        }
        screen.Write(table);
    }

    private static string Kw(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    // A step of a minute holds a few watt-hours: more places than kW, or it shows as 0.
    private static string Kwh(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}

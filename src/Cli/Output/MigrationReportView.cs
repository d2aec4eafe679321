using System.Globalization;

namespace Rainforest.Cli.Output;

/// <summary>A migration's summary as text: the counts, then every skipped or failed key with its reason.</summary>
public static class MigrationReportView
{
    private const int MaxUsersListed = 50;

    public static async Task WriteAsync(TextWriter writer, string source, Uri server, MigrationReport report)
    {
        var seconds = report.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (report.DryRun)
        {
            await writer.WriteLineAsync($"Dry run: migrating {source} into {server} ({report.Keys} keys read in {seconds} s); nothing was changed");
            await Count(writer, "would create", report.Count(MigrationOutcome.WouldCreate));
            await Count(writer, "registered", report.Count(MigrationOutcome.AlreadyRegistered));
        }
        else
        {
            await writer.WriteLineAsync($"Migrated {source} into {server} ({report.Keys} keys in {seconds} s)");
            await Count(writer, "created", report.Count(MigrationOutcome.Created));
            await Count(writer, "updated", report.Count(MigrationOutcome.Updated));
            await Count(writer, "unchanged", report.Count(MigrationOutcome.Unchanged));
        }
        await Count(writer, "skipped", report.Skipped.Count);
        if (report.Failed.Count > 0) await Count(writer, "failed", report.Failed.Count);
        if (report.NotSent > 0) await Count(writer, "not sent", report.NotSent);
        if (report.Inactive > 0)
        {
            await writer.WriteLineAsync(
                $"  {report.Inactive} {(report.Inactive == 1 ? "user is" : "users are")} marked active: false; the 2015 system never read that flag, so they are migrated and polled like the rest.");
        }

        if (report.DryRun)
        {
            await Users(writer, "Would create:", report.Results.Where(r => r.Outcome == MigrationOutcome.WouldCreate).ToList());
            await Users(writer, "Already registered (e-mail and password would be updated if they differ):",
                report.Results.Where(r => r.Outcome == MigrationOutcome.AlreadyRegistered).ToList());
        }
        await Lines(writer, "Skipped records (fix them in the old Redis and run the migration again; it is safe to repeat):", report.Skipped);
        await Lines(writer, "Failed records (the server failed; run the migration again):", report.Failed);
        if (report.StoppedBy is not null)
        {
            await writer.WriteLineAsync(
                $"Stopped early: {report.NotSent} records were not sent. Run the migration again once the cause is fixed; it is safe to repeat.");
        }
    }

    public static string Describe(MigrationResult result)
    {
        var who = result.CloudId is null || result.CloudId == result.Key ? "" : $" ({result.CloudId})";
        var by = result.Status is { } status ? $"server said {status}: " : "";
        return $"key \"{result.Key}\"{who}: {by}{result.Reason}";
    }

    private static Task Count(TextWriter writer, string name, int value) =>
        writer.WriteLineAsync($"  {name,-12} {value,7}");

    // A large store's users would bury the skipped records; counts say enough there, and --json lists each.
    private static async Task Users(TextWriter writer, string heading, IReadOnlyList<MigrationResult> results)
    {
        if (results.Count <= MaxUsersListed)
        {
            await Lines(writer, heading, results);
            return;
        }
        await writer.WriteLineAsync($"{heading} {results.Count} users (--json lists each)");
    }

    private static async Task Lines(TextWriter writer, string heading, IReadOnlyList<MigrationResult> results)
    {
        if (results.Count == 0) return;
        await writer.WriteLineAsync(heading);
        foreach (var result in results) await writer.WriteLineAsync("  " + Describe(result));
    }
}

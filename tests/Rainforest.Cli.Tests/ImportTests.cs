using System.Text.Json.Nodes;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Recording;

namespace Rainforest.Cli.Tests;

/// <summary><c>users import</c> and <c>users export</c> against a running silo, with a 1,000-line file.</summary>
[Collection(CliSystemCollection.Name)]
public sealed class ImportTests(CliSystem system)
{
    private static readonly TimeSpan PollDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Importing_a_thousand_lines_registers_and_polls_the_good_ones_and_reports_each_bad_line_by_number()
    {
        var (file, run) = await system.ThousandUserImportAsync();

        run.AssertExit(ExitCodes.LinesRejected);
        Assert.Matches(@$"created\s+{file.ValidIds.Count}\b", run.Out);
        Assert.Matches(@"updated\s+0\b", run.Out);
        Assert.Matches(@"unchanged\s+0\b", run.Out);
        Assert.Matches(@$"rejected\s+{ThousandUserFile.BadLines.Count}\b", run.Out);
        var reported = run.Out.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("line ", StringComparison.Ordinal)).ToList();
        Assert.Equal(ThousandUserFile.BadLines.Count, reported.Count);
        foreach (var (line, reason) in ThousandUserFile.BadLines)
        {
            Assert.Contains(reported, l => (l.StartsWith($"line {line}:") || l.StartsWith($"line {line} (")) && l.Contains(reason));
        }

        // The good users, and only they, are registered…
        var registered = (await system.RegisteredIdsAsync()).Where(id => id.StartsWith('c')).ToHashSet();
        Assert.Equal(file.ValidIds.ToHashSet(), registered);

        // …and every one of them is polled.
        await Eventually.Until(
            () => file.ValidIds.All(id => system.Simulator.RequestsFor(id).Any(r => r.Outcome == SimulatedOutcome.Reading)),
            PollDeadline, "a reading polled for every imported user");
    }

    [Fact]
    public async Task Reimporting_the_same_file_changes_nothing()
    {
        var (file, _) = await system.ThousandUserImportAsync();
        var before = await system.RegisteredIdsAsync();
        using var api = system.Silo.CreateClient();
        var sample = ThousandUserFile.IdOfLine(2);
        var userBefore = JsonDocument.Parse(await api.GetStringAsync($"/api/users/{sample}")).RootElement;

        var again = await system.RunAsync("users", "import", file.Path, "--json", "--parallel", "16");

        again.AssertExit(ExitCodes.LinesRejected);
        var summary = again.Json;
        Assert.Equal(0, summary.GetProperty("created").GetInt32());
        Assert.Equal(0, summary.GetProperty("updated").GetInt32());
        Assert.Equal(file.ValidIds.Count, summary.GetProperty("unchanged").GetInt32());
        Assert.Equal(ThousandUserFile.BadLines.Count, summary.GetProperty("rejected").GetInt32());
        Assert.Equal(ThousandUserFile.BadLines.Keys.Order(),
            summary.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));

        Assert.Equal(before, await system.RegisteredIdsAsync());
        var userAfter = JsonDocument.Parse(await api.GetStringAsync($"/api/users/{sample}")).RootElement;
        Assert.Equal(userBefore.GetProperty("user_email").GetString(), userAfter.GetProperty("user_email").GetString());
        Assert.True(userAfter.GetProperty("total_events_logged").GetInt64() >= userBefore.GetProperty("total_events_logged").GetInt64(),
            "counters survive a re-import");
    }

    [Fact]
    public async Task Export_lists_every_user_without_passwords_and_reads_back_as_an_unchanged_import()
    {
        var (file, _) = await system.ThousandUserImportAsync();
        var directory = system.NewDirectory();
        var exported = Path.Combine(directory, "export.jl");

        var export = await system.RunAsync("users", "export", "--output", exported);

        export.AssertExit(ExitCodes.Ok);
        var text = await File.ReadAllTextAsync(exported);
        Assert.DoesNotContain("user_pw", text);
        Assert.DoesNotContain("pw-", text);
        var records = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var ids = records.Select(r => (string)r["cloud_id"]!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Contains($"Exported {records.Count} users", export.Out);

        var ours = records.Where(r => ((string)r["cloud_id"]!).StartsWith('c')).ToList();
        Assert.Equal(file.ValidIds.Order(StringComparer.Ordinal), ours.Select(r => (string)r["cloud_id"]!));
        Assert.All(ours, r => Assert.Equal(SimulatedAccount.DefaultUser((string)r["cloud_id"]!), (string)r["user_email"]!));
        Assert.All(ours, r => Assert.True(r.ContainsKey("total_events_logged") && r.ContainsKey("first_timestamp") && r.ContainsKey("last_timestamp")));

        // To standard output: the same users, one JSON object per line.
        var toStdout = await system.RunAsync("users", "export", "--parallel", "4");
        toStdout.AssertExit(ExitCodes.Ok);
        Assert.Equal(ids, toStdout.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("cloud_id").GetString()!));

        // The export is the import format without passwords: put them back and the server already agrees.
        var roundTrip = Path.Combine(directory, "round-trip.jl");
        await File.WriteAllLinesAsync(roundTrip, ours.Select(r =>
        {
            r["user_pw"] = SimulatedAccount.DefaultPassword((string)r["cloud_id"]!);
            return r.ToJsonString();
        }));
        var reimport = await system.RunAsync("users", "import", roundTrip, "--json");
        reimport.AssertExit(ExitCodes.Ok);
        Assert.Equal(ours.Count, reimport.Json.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, reimport.Json.GetProperty("created").GetInt32() + reimport.Json.GetProperty("updated").GetInt32()
            + reimport.Json.GetProperty("rejected").GetInt32() + reimport.Json.GetProperty("failed").GetInt32());
    }
}

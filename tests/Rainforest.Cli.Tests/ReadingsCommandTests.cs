using System.Globalization;
using Rainforest.Simulator.Accounts;

namespace Rainforest.Cli.Tests;

/// <summary><c>readings</c> against a running silo: what it logged, as JSON lines and as CSV in a file, and its refusals.</summary>
[Collection(CliSystemCollection.Name)]
public sealed class ReadingsCommandTests(CliSystem system)
{
    private const string User = "ead001";

    [Fact]
    public async Task Readings_of_a_polled_user_go_to_a_file_as_json_lines_and_as_csv()
    {
        var input = JsonSerializer.Serialize(new
        {
            cloud_id = User,
            user_email = SimulatedAccount.DefaultUser(User),
            user_pw = SimulatedAccount.DefaultPassword(User),
        });
        (await CommandLine.RunWithInputAsync(system.Environment, input, "users", "import", "-")).AssertExit(ExitCodes.Ok);
        var from = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var directory = system.NewDirectory();
        var jsonl = Path.Combine(directory, "readings.jl");

        // The silo logs a line per poll; the readings show it once it is on disk.
        var run = await Eventually.Until(
            () => system.RunAsync("readings", User, "--from", from, "--output", jsonl),
            r => r.ExitCode == ExitCodes.Ok && File.ReadAllLines(jsonl).Length >= 1, TimeSpan.FromSeconds(30), $"{User} has readings");

        var lines = File.ReadAllLines(jsonl);
        Assert.Matches(@"^Wrote \d+ readings \([\d,]+ bytes\) to ", run.Out);
        Assert.All(lines, l => Assert.True(JsonDocument.Parse(l).RootElement.TryGetProperty("Demand", out _), l));
        Assert.False(File.Exists(jsonl + ".partial"));

        var csv = Path.Combine(directory, "readings.csv");
        var table = await system.RunAsync("readings", User, "--from", from, "--format", "csv", "-o", csv, "--json");
        table.AssertExit(ExitCodes.Ok);
        var rows = File.ReadAllLines(csv);
        Assert.StartsWith("time_utc,demand_kw,DeviceMacId,", rows[0]);
        Assert.True(rows.Length >= 2, string.Join('\n', rows));
        Assert.Equal(rows.Length - 1, table.Json.GetProperty("readings").GetInt64());

        // Without --output the lines come out on standard output as they arrive.
        var stdout = await system.RunAsync("readings", User, "--from", from);
        stdout.AssertExit(ExitCodes.Ok);
        Assert.StartsWith(lines[0], stdout.Out);

        var summary = await system.RunAsync("readings", User, "--from", from, "--summary", "PT1H");
        summary.AssertExit(ExitCodes.Ok);
        Assert.True(summary.Json.EnumerateArray().Sum(s => s.GetProperty("count").GetInt64()) >= lines.Length, summary.ToString());
    }

    [Fact]
    public async Task An_unknown_user_is_exit_5_and_a_bad_time_exit_2_with_the_servers_reason()
    {
        var unknown = await system.RunAsync("readings", "ead0ff", "--from", "2026-03-10T17:00:00Z", "--to", "2026-03-10T18:00:00Z");
        unknown.AssertExit(ExitCodes.NotFound);
        Assert.Contains("No user with Cloud ID ead0ff", unknown.Error);

        var bad = await system.RunAsync("readings", "ead0ff", "--from", "yesterday-ish");
        bad.AssertExit(ExitCodes.Usage);
        Assert.Contains("Invalid readings query", bad.Error);
        Assert.Empty(bad.Out);
    }
}

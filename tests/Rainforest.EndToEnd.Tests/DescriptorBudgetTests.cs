using System.Globalization;
using System.Net;
using System.Text.Json;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>
/// A real Release silo under a small <c>ulimit -n</c> with more relay users than descriptors: the descriptor budget
/// holds as many hour files and connections as it allows and degrades the rest, visibly, instead of running into
/// "Too many open files" (which once ended such a silo with "Out of memory.").
/// </summary>
public sealed class DescriptorBudgetTests
{
    private const int DescriptorLimit = 768;
    private const int Users = 1500;

    [Fact]
    public async Task A_silo_with_more_users_than_descriptors_stays_up_and_logs_every_user_or_says_why()
    {
        await using var system = await SystemUnderTest.StartAsync(withRedis: false);
        // Told to hold ten thousand hour files open: far more than the limit allows, as 40,000 users once were.
        var silo = system.AddSilo(new Dictionary<string, string>
        {
            ["Logging:LogLevel:Rainforest"] = "Information",
            // Each refused poll is a warning; the test looks for the budget's own lines among them.
            ["Logging:LogLevel:Rainforest.Grains.Users"] = "Error",
            ["Rainforest:Logs:MaxOpenFiles"] = "10000",
        }, withRedis: false, descriptorLimit: DescriptorLimit);
        await silo.StartAsync();
        using var api = silo.CreateClient();

        // 400 ms a reply: ~100 relay requests in flight at once, about what the budget's connections carry.
        var ids = Enumerable.Range(0, Users).Select(i => (0xd00000 + i).ToString("x6", CultureInfo.InvariantCulture)).ToList();
        foreach (var id in ids) system.Simulator.Accounts.Add(id, SimulatedFault.Slow, TimeSpan.FromMilliseconds(400));
        var bulk = await api.PostAsync("/api/users", SystemUnderTest.JsonBody(ids.Select(id => new
        {
            cloud_id = id,
            user_email = SimulatedAccount.DefaultUser(id),
            user_pw = SimulatedAccount.DefaultPassword(id),
        })));
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);

        // Several poll periods; the silo must be there for all of them.
        var logs = silo.LogsDirectory;
        var firstRound = await Eventually.Until(() => Task.FromResult(LinesPerUser(logs)), lines => lines.Count >= Users * 99 / 100 || silo.HasExited,
            TimeSpan.FromSeconds(30), "a line from nearly every user");
        Assert.False(silo.HasExited, "the silo died:\n" + silo.Output);
        var before = firstRound.Values.Sum();
        await Eventually.Until(() => Task.FromResult(LinesPerUser(logs).Values.Sum()), total => total >= before + Users || silo.HasExited,
            TimeSpan.FromSeconds(20), "another round of lines");
        Assert.False(silo.HasExited, "the silo died:\n" + silo.Output);

        // Every user is logged, or its status says the silo's connections were busy.
        var lines = LinesPerUser(logs);
        var listed = (await SystemUnderTest.GetJsonAsync(api, "/api/users")).GetProperty("users").EnumerateArray()
            .ToDictionary(u => u.GetProperty("cloud_id").GetString()!, u => u);
        var unexplained = ids.Where(id => lines.GetValueOrDefault(id) == 0
            && listed[id].GetProperty("last_error_kind").ValueKind is not JsonValueKind.String).ToList();
        Assert.True(unexplained.Count == 0, $"users neither logged nor told why: {string.Join(", ", unexplained.Take(10))}");
        // Running out of descriptors showed as unwritable files and unreachable relays; neither may happen now.
        var errors = listed.Values.Select(u => u.GetProperty("last_error_kind")).Where(k => k.ValueKind == JsonValueKind.String)
            .Select(k => k.GetString()).ToList();
        Assert.DoesNotContain("write_failed", errors);
        Assert.DoesNotContain("unreachable", errors);

        // The budget is spent and says so: health, metrics and the log.
        var health = await api.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
        var metrics = Metrics(await api.GetStringAsync("/metrics"));
        Assert.Equal(DescriptorLimit, metrics["rainforest_descriptors_limit"]);
        Assert.True(metrics["rainforest_hour_files_capacity"] is > 0 and < Users, $"hour-file share {metrics["rainforest_hour_files_capacity"]}");
        Assert.Equal(metrics["rainforest_hour_files_capacity"], metrics["rainforest_hour_files_held"]);
        Assert.True(metrics["rainforest_hour_files_per_line_total"] > 0);
        Assert.True(metrics["rainforest_gateway_connections_open"] <= metrics["rainforest_gateway_connections_capacity"]);
        Assert.True(metrics["rainforest_descriptors_open"] < DescriptorLimit);
        Assert.True(silo.OutputContains("Descriptor budget: limit 768"), silo.Output);
        Assert.True(silo.OutputContains("Rainforest:Logs:MaxOpenFiles is 10000, more than the descriptor budget allows"), silo.Output);
        Assert.False(silo.OutputContains("Too many open files"), "a descriptor ran out:\n" + silo.Output);
        Assert.True(silo.IsRunning);
    }

    // Complete lines per user over every local hour file, in one pass over the logs directory.
    private static Dictionary<string, int> LinesPerUser(string logsDirectory)
    {
        var lines = new Dictionary<string, int>();
        if (!Directory.Exists(logsDirectory)) return lines;
        foreach (var file in Directory.EnumerateFiles(logsDirectory, "iseif-rainforest-??????-*.jl", SearchOption.AllDirectories))
        {
            var id = Path.GetFileName(file)["iseif-rainforest-".Length..][..6];
            lines[id] = lines.GetValueOrDefault(id) + HourFiles.CompleteLines(file).Count();
        }
        return lines;
    }

    // The Prometheus text format's unlabelled-enough samples: name → value.
    private static Dictionary<string, double> Metrics(string text) => text.Split('\n')
        .Where(line => line.StartsWith("rainforest_", StringComparison.Ordinal))
        .Select(line => (Name: line[..line.IndexOfAny(['{', ' '])], Value: line[(line.LastIndexOf(' ') + 1)..]))
        .GroupBy(sample => sample.Name)
        .ToDictionary(g => g.Key, g => double.Parse(g.First().Value, CultureInfo.InvariantCulture));
}

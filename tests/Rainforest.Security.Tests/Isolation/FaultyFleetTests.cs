using System.Globalization;
using Rainforest.Grains.Polling;
using Xunit.Abstractions;
using Rainforest.Simulator.Faults;

namespace Rainforest.Security.Tests.Isolation;

/// <summary>
/// Broken gateways never hurt anyone: with a hundred hanging, 503ing and garbage-sending gateways on the same
/// silo the healthy users keep their six-second cadence, every broken user shows why, and nothing bad is logged.
/// </summary>
public sealed class FaultyFleetTests(FaultyFleet fleet, ITestOutputHelper output) : IClassFixture<FaultyFleet>
{
    private static readonly TimeSpan Period = FaultyFleet.Period;

    [Fact]
    public void Healthy_users_keep_their_cadence_next_to_a_hundred_broken_gateways()
    {
        var lateness = fleet.Healthy.SelectMany(id => AssertOnePollPerSlot(id)).Order().ToList();

        var p99 = lateness[(int)(0.99 * (lateness.Count - 1))];
        output.WriteLine($"healthy lateness over {lateness.Count} polls: p50 {lateness[lateness.Count / 2]:F0} ms, p99 {p99:F0} ms, max {lateness[^1]:F0} ms");
        Assert.True(p99 < 1000, $"p99 lateness {p99:F0} ms over {lateness.Count} polls; worst {lateness[^1]:F0} ms");
        // Fixed rate means on the slot or after it, never before (the gateway's clock here is this machine's).
        Assert.True(lateness[0] >= 0, $"a poll left {-lateness[0]:F0} ms before its slot");
        Assert.Equal(1, fleet.Simulator.Stats.MaxConcurrentPerAccount);
    }

    [Fact]
    public void Broken_gateways_are_backed_off_except_those_that_answer_with_garbage()
    {
        int InWindow(SimulatedFault fault) => fleet.Faulty.Where(f => f.Value == fault).Sum(f => fleet.RequestsInWindow(f.Key).Count);
        int Users(SimulatedFault fault) => fleet.Faulty.Count(f => f.Value == fault);

        // Five slots in the window: a user on its cadence is asked five times.
        Assert.True(InWindow(SimulatedFault.Unavailable) < 3.5 * Users(SimulatedFault.Unavailable), $"503: {InWindow(SimulatedFault.Unavailable)}");
        Assert.True(InWindow(SimulatedFault.Hang) < 3.5 * Users(SimulatedFault.Hang), $"hang: {InWindow(SimulatedFault.Hang)}");
        // A gateway that answers, however badly, stays on its slots: its replies are counted and logged, not feared.
        foreach (var (id, _) in fleet.Faulty.Where(f => f.Value == SimulatedFault.Garbage)) AssertOnePollPerSlot(id);
    }

    [Fact]
    public async Task Every_user_shows_its_state_last_error_and_last_success()
    {
        using var api = fleet.Silo.CreateClient();
        var expected = fleet.Faulty.ToDictionary(f => f.Key, f => f.Value switch
        {
            SimulatedFault.Hang => ("failing", "timeout"),
            SimulatedFault.Unavailable => ("failing", "http_error"),
            _ => ("failing", "malformed"),
        });
        expected["0f0001"] = ("credentials_rejected", "credentials_rejected");
        expected["0f0002"] = ("failing", "incomplete");
        expected["0f0003"] = ("failing", "stale_reading");
        expected["0f0005"] = ("failing", "malformed");

        foreach (var (id, (state, kind)) in expected)
        {
            var status = (await Json.GetAsync(api, $"/api/users/{id}")).GetProperty("status");
            var what = $"{id}: {status}";
            Assert.True(state == status.GetProperty("state").GetString(), what);
            Assert.True(kind == status.GetProperty("last_error_kind").GetString(), what);
            Assert.True(status.GetProperty("consecutive_failures").GetInt32() >= 1, what);
            Assert.True(status.GetProperty("last_error_at").GetDateTimeOffset() >= fleet.RegisteredAt, what);
            Assert.False(string.IsNullOrEmpty(status.GetProperty("last_error").GetString()), what);
            // Only the backwards gateway ever gave a usable (its first) reading.
            Assert.True((id == "0f0003") == (status.GetProperty("last_success_at").ValueKind != JsonValueKind.Null), what);
        }

        foreach (var id in fleet.Healthy.Take(10).Append("0f0004"))
        {
            var status = (await Json.GetAsync(api, $"/api/users/{id}")).GetProperty("status");
            Assert.Equal("polling", status.GetProperty("state").GetString());
            Assert.Equal(0, status.GetProperty("consecutive_failures").GetInt32());
            Assert.Equal(JsonValueKind.Null, status.GetProperty("last_error_kind").ValueKind);
            Assert.True(status.GetProperty("last_success_at").GetDateTimeOffset() > DateTimeOffset.UtcNow - 3 * Period);
        }

        Assert.Equal(expected.Keys.Order(), await ListAsync(api, "failing"));
        Assert.Equal(["0f0001"], await ListAsync(api, "credentials_rejected"));
        Assert.Equal(fleet.Healthy.Append("0f0004").Order(), await ListAsync(api, "polling"));
    }

    [Fact]
    public async Task Metrics_count_poll_outcomes_by_kind()
    {
        using var api = fleet.Silo.CreateClient(apiKey: null);
        var metrics = await api.GetStringAsync("/metrics");
        var polls = metrics.Split('\n')
            .Where(line => line.StartsWith("rainforest_polls_total{", StringComparison.Ordinal))
            .ToDictionary(Outcome, line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

        foreach (var outcome in new[] { "reading", "Timeout", "HttpError", "Malformed", "Incomplete", "CredentialsRejected", "StaleReading" })
        {
            Assert.True(polls.GetValueOrDefault(outcome) > 0, $"no polls counted as {outcome}: {string.Join(", ", polls)}");
        }
        Assert.True(polls["reading"] >= FaultyFleet.HealthyCount * 5, $"{polls["reading"]} readings");

        static string Outcome(string line)
        {
            var start = line.IndexOf("outcome=\"", StringComparison.Ordinal) + "outcome=\"".Length;
            return line[start..line.IndexOf('"', start)];
        }
    }

    [Fact]
    public async Task Nothing_unusable_is_logged_and_repeats_are_logged_as_they_came()
    {
        using var api = fleet.Silo.CreateClient();
        foreach (var id in fleet.Faulty.Keys.Concat(["0f0001", "0f0002", "0f0005"]))
        {
            Assert.Empty(Directory.EnumerateFiles(fleet.Silo.LogsDirectory, $"*{id}*", SearchOption.AllDirectories));
            Assert.Equal(0, (await Json.GetAsync(api, $"/api/users/{id}")).GetProperty("total_events_logged").GetInt64());
        }

        // The gateway whose clock runs backwards: its first reading, and nothing after.
        Assert.Single(HourFiles.LocalLines(fleet.Silo.LogsDirectory, "0f0003"));

        // The gateway that repeats itself: every repeat logged, identical, as the original logger did.
        var repeats = HourFiles.LocalLines(fleet.Silo.LogsDirectory, "0f0004");
        Assert.True(repeats.Count >= 5, $"{repeats.Count} lines");
        Assert.Single(repeats.Distinct());

        foreach (var id in fleet.Healthy.Take(10))
        {
            var lines = HourFiles.LocalLines(fleet.Silo.LogsDirectory, id);
            Assert.True(lines.Count >= 5, $"{id}: {lines.Count} lines");
            Assert.Equal(lines.Count, lines.Distinct().Count());
        }
    }

    // Each slot of the window was polled exactly once; returns how late each poll came (negative: early).
    private List<double> AssertOnePollPerSlot(string id)
    {
        var schedule = new PollSchedule(id, Period);
        var received = fleet.RequestsInWindow(id);
        // The nearest slot, so a poll a millisecond early is not taken for one six seconds late.
        var slots = received.Select(t => schedule.SlotAtOrAfter(t - Period / 2)).ToList();
        var expected = Enumerable.Range(0, 6).Select(i => schedule.SlotAtOrAfter(fleet.WindowStart) + i * Period)
            .Where(s => s < fleet.WindowEnd - Period / 2 && s >= fleet.WindowStart + Period / 2).ToList();
        Assert.True(slots.Distinct().Count() == slots.Count, $"{id} polled twice for one slot: {string.Join(", ", received.Select(t => t.ToString("HH:mm:ss.fff")))}");
        Assert.True(expected.All(slots.Contains), $"{id} missed a slot: {string.Join(", ", received.Select(t => t.ToString("HH:mm:ss.fff")))}");
        return received.Zip(slots, (t, slot) => (t - slot).TotalMilliseconds).ToList();
    }

    private static async Task<List<string>> ListAsync(HttpClient api, string status) =>
        (await Json.GetAsync(api, $"/api/users?status={status}")).GetProperty("users").EnumerateArray()
            .Select(u => u.GetProperty("cloud_id").GetString()!)
            .Order()
            .ToList();
}

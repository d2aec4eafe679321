using Rainforest.Contracts;
using Rainforest.Domain.HourFiles;
using Rainforest.Eagle;
using Rainforest.Grains.Polling;
using Rainforest.Simulator;
using Rainforest.Simulator.Faults;

namespace Rainforest.Grains.Tests;

/// <summary>Readings that must not be logged as fresh, and repeats that are logged exactly as the original did.</summary>
public sealed class BadReadingTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Readings_whose_gateway_clock_goes_backwards_are_never_written()
    {
        // A low threshold, so the test would see a stale reading slip through as a "clock reset".
        await using var env = await PollingCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Rainforest:Polling:AcceptClockResetAfter"] = "3",
        });
        const string id = "00d001";
        await env.RegisterAsync(id, SimulatedFault.Backwards);

        var slots = await PollEverySlotAsync(env, id, 8);

        // Only the first reading is fresh; every later one is older than the one before it.
        var line = Assert.Single(env.Lines(id, PollingCluster.Start));
        Assert.True(DemandRecord.Format.TryRead(line, out var loggedTimeStamp));
        Assert.Equal(SimulatedTimeStamp(slots[0]), loggedTimeStamp);

        var user = await env.UserAsync(id);
        Assert.Equal(1, user.TotalEventsLogged);
        Assert.Equal(PollingState.Failing, user.Status.State);
        Assert.Equal(PollErrorKind.StaleReading, user.Status.LastErrorKind);
        Assert.Equal(7, user.Status.ConsecutiveFailures);
        // Refusing a reading is not a gateway outage: the user stays on its six-second slots.
        Assert.Equal(slots, env.RequestTimes(id));
    }

    [Fact]
    public async Task Repeated_identical_readings_are_written_like_the_original_did()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00d002";
        await env.RegisterAsync(id, SimulatedFault.Repeat);

        await PollEverySlotAsync(env, id, 5);

        var lines = env.Lines(id, PollingCluster.Start);
        Assert.Equal(5, lines.Length);
        Assert.Single(lines.Distinct());
        var user = await env.UserAsync(id);
        Assert.Equal(5, user.TotalEventsLogged);
        Assert.Equal(PollingState.Polling, user.Status.State);
    }

    [Fact]
    public async Task Repeated_identical_readings_are_skipped_when_configured()
    {
        await using var env = await PollingCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Rainforest:Logs:SkipRepeats"] = "true",
        });
        const string id = "00d003";
        await env.RegisterAsync(id, SimulatedFault.Repeat);

        var slots = await PollEverySlotAsync(env, id, 5);

        Assert.Single(env.Lines(id, PollingCluster.Start));
        var user = await env.UserAsync(id);
        Assert.Equal(1, user.TotalEventsLogged);
        // A repeat is a healthy answer, not a failure.
        Assert.Equal(PollingState.Polling, user.Status.State);
        Assert.Equal(0, user.Status.ConsecutiveFailures);
        Assert.Equal(slots[^1], user.Status.LastSuccessAt);
    }

    [Theory]
    [InlineData(SimulatedFault.MissingFields, PollErrorKind.Incomplete, "reply lacks Demand")]
    [InlineData(SimulatedFault.Garbage, PollErrorKind.Malformed, "body starts")]
    [InlineData(SimulatedFault.Truncated, PollErrorKind.Malformed, "body starts \"<InstantaneousDemand>")]
    public async Task An_unusable_reply_writes_no_line_keeps_the_cadence_and_is_logged_once(
        SimulatedFault fault, PollErrorKind kind, string logged)
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00d004";
        await env.RegisterAsync(id, fault);

        var slots = await PollEverySlotAsync(env, id, 6);

        Assert.False(File.Exists(env.HourFile(id, PollingCluster.Start)));
        var user = await env.UserAsync(id);
        Assert.Equal(0, user.TotalEventsLogged);
        Assert.Equal(PollingState.Failing, user.Status.State);
        Assert.Equal(kind, user.Status.LastErrorKind);
        Assert.Equal(6, user.Status.ConsecutiveFailures);
        Assert.Equal(slots[^1], user.Status.LastErrorAt);
        Assert.Null(user.Status.LastSuccessAt);
        // The gateway answered, so it is asked again on its next slot rather than backed off.
        Assert.Equal(slots, env.RequestTimes(id));

        // One warning with the start of the body when the problem appears, not one per tick.
        var warning = Assert.Single(env.Logs.GetSnapshot(), e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains(id, StringComparison.Ordinal));
        Assert.Contains(logged, warning.Message, StringComparison.Ordinal);
        Assert.Contains(kind.ToString(), warning.Message, StringComparison.Ordinal);
    }

    /// <summary>Polls the user on each of its next <paramref name="count"/> slots; returns the slots.</summary>
    private static async Task<List<DateTimeOffset>> PollEverySlotAsync(PollingCluster env, string id, int count)
    {
        var schedule = new PollSchedule(id, Period);
        var slot = schedule.NextSlotAfter(env.Clock.GetUtcNow());
        var slots = new List<DateTimeOffset>();
        for (var i = 0; i < count; i++)
        {
            slots.Add(slot);
            await env.PollAtAsync(id, slot);
            slot += Period;
        }
        return slots;
    }

    private static ulong SimulatedTimeStamp(DateTimeOffset at) => (ulong)(at - InstantaneousDemand.GatewayEpoch).TotalSeconds;
}

using Rainforest.Contracts;
using Rainforest.Grains.Polling;
using Rainforest.Simulator;
using Rainforest.Testing;
using Rainforest.Simulator.Faults;

namespace Rainforest.Grains.Tests;

public sealed class UserPollingTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Polls_every_six_seconds_without_drift_when_the_gateway_takes_two_seconds()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00a001";
        await env.RegisterAsync(id, SimulatedFault.Slow, TimeSpan.FromSeconds(2));

        var slot = new PollSchedule(id, Period).NextSlotAfter(env.Clock.GetUtcNow());
        var expected = new List<DateTimeOffset>();
        for (var tick = 1; tick <= 12; tick++)
        {
            expected.Add(slot);
            await env.AdvanceToAsync(slot);
            await Eventually.Until(() => env.RequestTimes(id).Count == tick, Wait, $"poll {tick} at {slot:O}");
            await env.AdvanceToAsync(slot + TimeSpan.FromSeconds(2));
            var n = tick;
            await Eventually.Until(() => env.Lines(id, slot).Length + env.Lines(id, slot - TimeSpan.FromHours(1)).Length >= n,
                Wait, $"line {tick} written");
            slot += Period;
        }

        // Each request left exactly on its slot, six seconds apart, although every reply took two.
        Assert.Equal(expected, env.RequestTimes(id));
        var user = await env.Grains.GetGrain<IUserGrain>(id).GetAsync();
        Assert.Equal(12, user!.TotalEventsLogged);
    }

    [Fact]
    public async Task Readings_after_the_hour_go_to_a_new_hour_file()
    {
        await using var env = await PollingCluster.StartAsync(new DateTimeOffset(2026, 3, 10, 17, 59, 40, TimeSpan.Zero));
        const string id = "00a002";
        await env.RegisterAsync(id);

        var schedule = new PollSchedule(id, Period);
        var slot = schedule.NextSlotAfter(env.Clock.GetUtcNow());
        var slots = new List<DateTimeOffset>();
        while (slot < new DateTimeOffset(2026, 3, 10, 18, 0, 40, TimeSpan.Zero))
        {
            slots.Add(slot);
            await env.PollAtAsync(id, slot);
            slot = schedule.NextSlotAfter(slot);
        }

        var before = new DateTimeOffset(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
        var after = before.AddHours(1);
        var expectedBefore = slots.Count(s => s < after);
        await Eventually.Until(() => env.Lines(id, before).Length + env.Lines(id, after).Length == slots.Count, Wait, "all lines");
        Assert.Equal(expectedBefore, env.Lines(id, before).Length);
        Assert.Equal(slots.Count - expectedBefore, env.Lines(id, after).Length);
        Assert.EndsWith($"2026-03-10-18{Path.DirectorySeparatorChar}iseif-rainforest-{id}-2026-03-10-18.jl", env.HourFile(id, after));
    }

    [Fact]
    public async Task A_stuck_gateway_does_not_delay_another_user()
    {
        await using var env = await PollingCluster.StartAsync();
        const string stuck = "00b001", healthy = "00b002";
        await env.RegisterAsync(stuck, SimulatedFault.Slow, TimeSpan.FromMinutes(10));
        await env.RegisterAsync(healthy);

        var schedule = new PollSchedule(healthy, Period);
        var slot = schedule.NextSlotAfter(env.Clock.GetUtcNow() + Period);
        // Each poll is seen through before the clock moves on, so no slot is skipped by the test itself.
        await env.PollAtAsync(healthy, slot - Period);
        var expected = new List<DateTimeOffset>();
        for (var tick = 0; tick < 8; tick++)
        {
            expected.Add(slot);
            await env.PollAtAsync(healthy, slot);
            slot += Period;
        }

        Assert.Equal(expected, env.RequestTimes(healthy).Where(t => t >= expected[0]));
        Assert.Equal(1, env.Simulator.Stats.MaxConcurrentPerAccount);
    }

    [Fact]
    public async Task A_failing_gateway_writes_no_line_and_changes_no_counter()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00c001";
        await env.RegisterAsync(id, SimulatedFault.Unavailable);

        var slot = new PollSchedule(id, Period).NextSlotAfter(env.Clock.GetUtcNow());
        await env.AdvanceToAsync(slot);
        await Eventually.Until(async () => (await env.Grains.GetGrain<IUserGrain>(id).GetAsync())!.Status.ConsecutiveFailures >= 1,
            Wait, "the failure to be recorded");

        var user = await env.Grains.GetGrain<IUserGrain>(id).GetAsync();
        Assert.Equal(0, user!.TotalEventsLogged);
        Assert.Null(user.LastTimestamp);
        Assert.Equal(PollingState.Failing, user.Status.State);
        Assert.Equal(PollErrorKind.HttpError, user.Status.LastErrorKind);
        Assert.False(File.Exists(env.HourFile(id, slot)));
    }

    [Fact]
    public async Task Rejected_credentials_are_retried_slowly_until_the_user_is_updated()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00c002";
        await env.RegisterAsync(id, SimulatedFault.WrongCredentials);

        var slot = new PollSchedule(id, Period).NextSlotAfter(env.Clock.GetUtcNow());
        await env.AdvanceToAsync(slot);
        await Eventually.Until(async () => (await env.Grains.GetGrain<IUserGrain>(id).GetAsync())!.Status.State == PollingState.CredentialsRejected,
            Wait, "credentials rejected");

        var user = await env.Grains.GetGrain<IUserGrain>(id).GetAsync();
        Assert.True(user!.Status.NextPollAt >= slot + TimeSpan.FromMinutes(5), $"next poll {user.Status.NextPollAt:O}");

        await env.AdvanceToAsync(slot + TimeSpan.FromMinutes(1));
        Assert.Single(env.RequestTimes(id));
    }
}

using Rainforest.Contracts;
using Rainforest.Grains.Polling;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator;
using Rainforest.Testing;

namespace Rainforest.Grains.Tests;

/// <summary>A user moved from the 2015 system keeps its counters, and counts on from them; a live user's are never rewound.</summary>
public sealed class MigratedCounterTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);
    private const double First = 1443274732.39435;
    private const double Last = 1443374732.5;

    [Fact]
    public async Task A_migrated_user_starts_from_its_old_counters_and_counts_on_from_them()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00d001";
        var user = Register(env, id);

        Assert.Equal(RegistrationResult.Created, await user.RegisterAsync(Migration(id, 1234)));
        var migrated = await env.UserAsync(id);
        Assert.Equal((1234L, First, Last), (migrated.TotalEventsLogged, migrated.FirstTimestamp!.Value, migrated.LastTimestamp!.Value));
        Assert.Equal(RegistrationResult.Unchanged, await user.RegisterAsync(Migration(id, 1234)));

        var slot = new PollSchedule(id, Period).NextSlotAfter(env.Clock.GetUtcNow());
        var polled = await env.PollAtAsync(id, slot);

        Assert.Equal(1235, polled.TotalEventsLogged);
        Assert.Equal(First, polled.FirstTimestamp);
        Assert.Equal(slot.ToUnixTimeMilliseconds() / 1000.0, polled.LastTimestamp);
    }

    [Fact]
    public async Task Counters_sent_to_a_user_that_has_logged_change_nothing()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00d002";
        var user = Register(env, id);
        Assert.Equal(RegistrationResult.Created, await user.RegisterAsync(Migration(id, 0)));
        var slot = new PollSchedule(id, Period).NextSlotAfter(env.Clock.GetUtcNow());
        var live = await env.PollAtAsync(id, slot);
        Assert.Equal(1, live.TotalEventsLogged);

        Assert.Equal(RegistrationResult.Unchanged, await user.RegisterAsync(Migration(id, 1234)));
        Assert.Equal(RegistrationResult.Updated, await user.RegisterAsync(Migration(id, 99) with { Email = "moved@example.com" }));

        var after = await env.UserAsync(id);
        Assert.Equal((live.TotalEventsLogged, live.FirstTimestamp, live.LastTimestamp), (after.TotalEventsLogged, after.FirstTimestamp, after.LastTimestamp));
    }

    [Fact]
    public async Task A_registered_user_that_has_logged_nothing_takes_migrated_counters_as_an_update()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00d003";
        var user = Register(env, id, SimulatedFault.WrongCredentials);
        Assert.Equal(RegistrationResult.Created, await user.RegisterAsync(Migration(id, 0)));

        Assert.Equal(RegistrationResult.Updated, await user.RegisterAsync(Migration(id, 42)));
        Assert.Equal(42, (await env.UserAsync(id)).TotalEventsLogged);
    }

    private static IUserGrain Register(PollingCluster env, string id, SimulatedFault fault = SimulatedFault.None)
    {
        env.Simulator.Accounts.Add(id, fault);
        return env.Grains.GetGrain<IUserGrain>(id);
    }

    private static UserRegistration Migration(string id, long total) => new(
        SimulatedAccount.DefaultUser(id), SimulatedAccount.DefaultPassword(id),
        total == 0 ? null : new MigratedCounters(total, First, Last));
}

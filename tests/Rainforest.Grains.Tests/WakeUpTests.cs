using Rainforest.Contracts;
using Rainforest.Grains.Polling;
using Rainforest.Grains.Users;
using Rainforest.Testing;

namespace Rainforest.Grains.Tests;

/// <summary>A registered user woken after its silo started (or died) polls on its own slots, never late.</summary>
public sealed class WakeUpTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_user_woken_well_before_its_slot_polls_on_that_slot()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00b001";
        var slot = await RegisterAndDeactivateAsync(env, id);

        await env.AdvanceToAsync(slot - TimeSpan.FromSeconds(2));
        await env.Grains.GetGrain<IUserGrain>(id).EnsureActiveAsync();
        var polled = env.RequestTimes(id).Count;
        await env.AdvanceToAsync(slot);
        await Eventually.Until(() => env.RequestTimes(id).Count > polled, Wait, $"a poll at {slot:O}");

        Assert.Equal(slot, env.RequestTimes(id)[^1]);
    }

    [Fact]
    public async Task A_user_woken_just_before_its_slot_waits_for_the_next_slot_instead_of_polling_late()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00b002";
        var slot = await RegisterAndDeactivateAsync(env, id);

        await env.AdvanceToAsync(slot - UserWakeUp.FirstPollLead / 2);
        await env.Grains.GetGrain<IUserGrain>(id).EnsureActiveAsync();
        var polled = env.RequestTimes(id).Count;
        await env.AdvanceToAsync(slot + Period - TimeSpan.FromMilliseconds(250));
        Assert.Equal(polled, env.RequestTimes(id).Count);

        await env.AdvanceToAsync(slot + Period);
        await Eventually.Until(() => env.RequestTimes(id).Count > polled, Wait, $"a poll at {slot + Period:O}");
        Assert.Equal(slot + Period, env.RequestTimes(id)[^1]);
        var user = await env.UserAsync(id);
        Assert.Equal(2, user.TotalEventsLogged);
    }

    // Registers the user, lets it poll once, deactivates it (as a stopped silo would) and returns a slot of it a few periods on.
    private static async Task<DateTimeOffset> RegisterAndDeactivateAsync(PollingCluster env, string id)
    {
        await env.RegisterAsync(id);
        var schedule = new PollSchedule(id, Period);
        await env.PollAtAsync(id, schedule.NextSlotAfter(env.Clock.GetUtcNow()));
        await env.Cluster.DeactivateAsync(env.Grains.GetGrain<IUserGrain>(id));
        return schedule.NextSlotAfter(env.Clock.GetUtcNow() + 3 * Period);
    }
}

using Rainforest.Contracts;
using Rainforest.Grains.Polling;
using Rainforest.Simulator;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;

namespace Rainforest.Grains.Tests;

/// <summary>What a user's polling does per failure kind: back off, slow down, or come straight back.</summary>
public sealed class FailurePolicyTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task An_unavailable_gateway_is_backed_off_up_to_the_cap_and_back_to_six_seconds_on_the_first_success()
    {
        await using var env = await PollingCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Rainforest:Polling:BackoffCap"] = "00:01:00",
        });
        const string id = "00e001";
        await env.RegisterAsync(id, SimulatedFault.Unavailable);

        var (times, user) = await FailRepeatedlyAsync(env, id, 14);

        Assert.Equal(PollingState.Failing, user.Status.State);
        Assert.Equal(PollErrorKind.HttpError, user.Status.LastErrorKind);
        Assert.Equal(14, user.Status.ConsecutiveFailures);
        Assert.Equal(times[^1], user.Status.LastErrorAt);
        Assert.Null(user.Status.LastSuccessAt);
        var gaps = Gaps(times);
        Assert.All(gaps, gap => Assert.InRange(gap, Period, Cap));
        // Exponential growth reaches the cap; without back-off the 13 gaps would be 78 s in all.
        Assert.Equal(Cap, gaps.Max());
        Assert.True(gaps.Sum(g => g.TotalSeconds) > 4 * 13 * Period.TotalSeconds, string.Join(", ", gaps));
        Assert.Equal(14, env.Simulator.RequestsFor(id).Count);

        // The gateway recovers: the next try succeeds and the user is back on its six-second slots at once.
        env.Simulator.Accounts.SetFault(id, SimulatedFault.None);
        var retry = user.Status.NextPollAt!.Value;
        user = await env.PollAtAsync(id, retry);
        Assert.Equal(PollingState.Polling, user.Status.State);
        Assert.Equal(0, user.Status.ConsecutiveFailures);
        Assert.Equal(retry, user.Status.LastSuccessAt);
        Assert.Equal(retry + Period, user.Status.NextPollAt);
        await env.PollAtAsync(id, retry + Period);
        user = await env.PollAtAsync(id, retry + 2 * Period);
        Assert.Equal(3, user.TotalEventsLogged);
        Assert.Equal([retry, retry + Period, retry + 2 * Period], env.RequestTimes(id).TakeLast(3));
    }

    [Fact]
    public async Task A_gateway_that_times_out_is_backed_off_too()
    {
        await using var env = await PollingCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            // Each hung request costs this much real time; the schedule runs on the fake clock.
            ["Rainforest:Eagle:RequestTimeout"] = "00:00:00.300",
        });
        const string id = "00e002";
        await env.RegisterAsync(id, SimulatedFault.Hang);

        var (times, user) = await FailRepeatedlyAsync(env, id, 7);

        Assert.Equal(PollErrorKind.Timeout, user.Status.LastErrorKind);
        Assert.Equal(7, user.Status.ConsecutiveFailures);
        var gaps = Gaps(times);
        Assert.All(gaps, gap => Assert.True(gap >= Period, $"gap {gap}"));
        Assert.True(gaps.Sum(g => g.TotalSeconds) > 6 * Period.TotalSeconds, $"no back-off: {string.Join(", ", gaps)}");
        Assert.True(user.Status.NextPollAt - times[^1] > Period, $"next poll {user.Status.NextPollAt:O}");
    }

    [Fact]
    public async Task Rejected_credentials_are_retried_every_few_minutes_and_polling_resumes_after_an_update()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00e003";
        await env.RegisterAsync(id, SimulatedFault.WrongCredentials);
        var schedule = new PollSchedule(id, Period);

        var first = schedule.NextSlotAfter(env.Clock.GetUtcNow());
        var user = await env.PollAtAsync(id, first);
        Assert.Equal(PollingState.CredentialsRejected, user.Status.State);
        var retry = user.Status.NextPollAt!.Value;
        Assert.Equal(schedule.SlotAtOrAfter(first + TimeSpan.FromMinutes(5)), retry);

        // Nothing in between, then one slow retry, still rejected.
        user = await env.PollAtAsync(id, retry);
        Assert.Equal([first, retry], env.RequestTimes(id));
        Assert.Equal(PollingState.CredentialsRejected, user.Status.State);
        Assert.Equal(PollErrorKind.CredentialsRejected, user.Status.LastErrorKind);
        Assert.Equal(2, user.Status.ConsecutiveFailures);

        // The operator stores the right password: the status clears at once and the next slot polls.
        env.Simulator.Accounts.Add(id, SimulatedAccount.DefaultUser(id), "corrected-password");
        var result = await env.Grains.GetGrain<IUserGrain>(id).RegisterAsync(new UserRegistration(SimulatedAccount.DefaultUser(id), "corrected-password"));
        Assert.Equal(RegistrationResult.Updated, result);
        user = await env.UserAsync(id);
        Assert.Equal(PollingState.Polling, user.Status.State);
        Assert.Equal(0, user.Status.ConsecutiveFailures);
        var next = schedule.NextSlotAfter(env.Clock.GetUtcNow());
        Assert.Equal(next, user.Status.NextPollAt);

        await env.PollAtAsync(id, next);
        user = await env.PollAtAsync(id, next + Period);
        Assert.Equal(2, user.TotalEventsLogged);
        Assert.Equal(next, user.Status.LastSuccessAt - Period);
    }

    [Fact]
    public async Task Registering_the_same_credentials_again_retries_a_rejected_user_at_once()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00e004";
        await env.RegisterAsync(id, SimulatedFault.WrongCredentials);
        var schedule = new PollSchedule(id, Period);
        var user = await env.PollAtAsync(id, schedule.NextSlotAfter(env.Clock.GetUtcNow()));
        Assert.Equal(PollingState.CredentialsRejected, user.Status.State);

        // The account was fixed on the relay's side; the operator re-sends the unchanged credentials.
        env.Simulator.Accounts.SetFault(id, SimulatedFault.None);
        var result = await env.Grains.GetGrain<IUserGrain>(id).RegisterAsync(
            new UserRegistration(SimulatedAccount.DefaultUser(id), SimulatedAccount.DefaultPassword(id)));
        Assert.Equal(RegistrationResult.Unchanged, result);

        var next = schedule.NextSlotAfter(env.Clock.GetUtcNow());
        Assert.Equal(next, (await env.UserAsync(id)).Status.NextPollAt);
        user = await env.PollAtAsync(id, next);
        Assert.Equal(PollingState.Polling, user.Status.State);
        Assert.Equal(1, user.TotalEventsLogged);
    }

    [Fact]
    public async Task A_successful_poll_on_demand_ends_the_back_off()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00e005";
        await env.RegisterAsync(id, SimulatedFault.Unavailable);
        var (_, user) = await FailRepeatedlyAsync(env, id, 8);
        var schedule = new PollSchedule(id, Period);
        Assert.True(user.Status.NextPollAt > schedule.NextSlotAfter(env.Clock.GetUtcNow()), "backed off");

        env.Simulator.Accounts.SetFault(id, SimulatedFault.None);
        var polled = await env.Grains.GetGrain<IUserGrain>(id).PollNowAsync();

        Assert.True(polled!.Succeeded, polled.Detail);
        user = await env.UserAsync(id);
        Assert.Equal(PollingState.Polling, user.Status.State);
        Assert.Equal(schedule.NextSlotAfter(env.Clock.GetUtcNow()), user.Status.NextPollAt);
    }

    /// <summary>
    /// Lets the user fail <paramref name="failures"/> times in a row, each time moving the clock to the poll time
    /// the user announced, and checks every request came exactly then; returns the request times and the user.
    /// </summary>
    private static async Task<(List<DateTimeOffset> Times, UserSnapshot User)> FailRepeatedlyAsync(
        PollingCluster env, string id, int failures)
    {
        var schedule = new PollSchedule(id, Period);
        var next = schedule.NextSlotAfter(env.Clock.GetUtcNow());
        var times = new List<DateTimeOffset>();
        UserSnapshot user = null!;
        for (var failure = 1; failure <= failures; failure++)
        {
            user = await env.PollAtAsync(id, next);
            times.Add(next);
            Assert.Equal(failure, user.Status.ConsecutiveFailures);
            Assert.Equal(next, env.RequestTimes(id)[^1]);
            // Every try stays on the user's own grid, so a recovered user is back on its usual slots.
            Assert.Equal(next, schedule.SlotAtOrAfter(next));
            next = user.Status.NextPollAt!.Value;
        }
        return (times, user);
    }

    private static List<TimeSpan> Gaps(List<DateTimeOffset> times) => times.Zip(times.Skip(1), (a, b) => b - a).ToList();
}

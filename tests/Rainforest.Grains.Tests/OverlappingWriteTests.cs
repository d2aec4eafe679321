using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Rainforest.Contracts;
using Rainforest.Grains.Polling;
using Rainforest.Simulator;
using Rainforest.Testing;

namespace Rainforest.Grains.Tests;

/// <summary>State writes that could overlap (a background write and a poll's own) against storage slow enough to let them.</summary>
public sealed class OverlappingWriteTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task A_user_whose_state_writes_would_overlap_keeps_polling_and_logging()
    {
        var storage = new SlowGrainStorage(TimeSpan.FromMilliseconds(300));
        await using var env = await PollingCluster.StartAsync(
            settings: new Dictionary<string, string?> { ["Rainforest:Polling:PersistEveryReadings"] = "1" },
            configureSilo: silo => silo.Services.AddKeyedSingleton<IGrainStorage>("Users",
                (services, _) => storage.Using(services.GetRequiredService<DeepCopier>())));
        const string id = "00f001";
        await env.RegisterAsync(id, SimulatedFault.WrongCredentials);
        var schedule = new PollSchedule(id, Period);
        var user = await env.PollAtAsync(id, schedule.NextSlotAfter(env.Clock.GetUtcNow()));
        Assert.Equal(PollingState.CredentialsRejected, user.Status.State);

        // The account is fixed on the relay's side. The next try succeeds: clearing the rejected flag is written in
        // the background while the same poll writes the new hour and its counters. From here only the clock moves,
        // so nothing but the user's own timer can keep it polling.
        env.Simulator.Accounts.SetFault(id, SimulatedFault.None);
        var slot = user.Status.NextPollAt!.Value;
        for (var line = 1; line <= 5; line++, slot += Period)
        {
            await env.AdvanceToAsync(slot);
            var expected = line;
            await Eventually.Until(() => env.Lines(id, slot).Length == expected, TimeSpan.FromSeconds(15),
                $"line {line} at {slot:O}; requests at {string.Join(", ", env.RequestTimes(id).Select(t => t.ToString("O")))}");
        }

        Assert.Equal(0, storage.Conflicts);
        Assert.Equal(1, storage.MostWritesInFlight);
        user = await env.UserAsync(id);
        Assert.Equal(PollingState.Polling, user.Status.State);
        Assert.Equal(5, user.TotalEventsLogged);
    }
}

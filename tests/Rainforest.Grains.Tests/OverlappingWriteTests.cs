using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Rainforest.Contracts;
using Rainforest.Grains.Polling;
using Rainforest.Simulator;
using Rainforest.Simulator.Faults;

namespace Rainforest.Grains.Tests;

/// <summary>
/// State writes that could overlap (a background write and a poll's own) against storage slow enough to let them.
/// Orleans 10.4.2's state bridge already runs one grain's storage operations one after another, so this passes
/// without the user's own state writer too; StateWriterTests are what prove the writer serializes and coalesces.
/// This guards the behaviour whichever of the two provides it.
/// </summary>
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
        // the background while the same poll writes the new hour and its counters.
        env.Simulator.Accounts.SetFault(id, SimulatedFault.None);
        var slot = user.Status.NextPollAt!.Value;
        for (var line = 1; line <= 5; line++, slot += Period)
        {
            user = await env.PollAtAsync(id, slot);
            Assert.Equal(line, env.Lines(id, slot).Length);
            // Still the activation that polled: a stopped one shows no next poll, a replacement no last success.
            Assert.Equal(slot, user.Status.LastSuccessAt);
            Assert.Equal(slot + Period, user.Status.NextPollAt);
        }

        Assert.Equal(0, storage.Conflicts);
        Assert.Equal(1, storage.MostWritesInFlight);
        Assert.Equal(PollingState.Polling, user.Status.State);
        Assert.Equal(5, user.TotalEventsLogged);
    }
}

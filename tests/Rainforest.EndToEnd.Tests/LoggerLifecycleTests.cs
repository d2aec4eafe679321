using System.Net;
using System.Text.Json;
using Rainforest.Simulator;
using Rainforest.Testing;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Recording;

namespace Rainforest.EndToEnd.Tests;

/// <summary>Users registered over HTTP are polled, logged to the right files, counted, and survive silo restarts.</summary>
public sealed class LoggerLifecycleTests
{
    private static readonly string[] Users = ["002506", "00a0b1", "0f0f0f", "c0ffee"];

    [Fact]
    public async Task Users_are_logged_counted_and_survive_graceful_and_killed_restarts()
    {
        await using var system = await SystemUnderTest.StartAsync();
        var silo = system.AddSilo();
        await silo.StartAsync();
        using var api = silo.CreateClient();

        foreach (var id in Users)
        {
            var created = await api.PostAsync($"/api/users/{id}", SystemUnderTest.UserBody(id));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Lines appear in the hour file named after the user and the UTC hour of the poll.
        foreach (var id in Users)
        {
            await Eventually.Until(() => system.LoggedLines(id).Count >= 3, TimeSpan.FromSeconds(40), $"three readings of {id}");
            var file = Directory.EnumerateFiles(silo.LogsDirectory, $"iseif-rainforest-{id}-*.jl", SearchOption.AllDirectories).First();
            var hour = Path.GetFileName(Path.GetDirectoryName(file))!;
            Assert.Equal($"iseif-rainforest-{id}-{hour}.jl", Path.GetFileName(file));
            Assert.All(system.LoggedLines(id), line => Assert.StartsWith("{\"DeviceMacId\": ", line));
        }

        await AssertCountersMatchFilesAsync(system, api);

        // A graceful stop, then a kill: users and counters survive, polling resumes with no API call.
        await silo.StopAsync();
        await RestartAndExpectPollingAsync(system, silo);
        await AssertCountersMatchFilesAsync(system, api);

        await silo.KillAsync();
        await RestartAndExpectPollingAsync(system, silo);
        await AssertCountersMatchFilesAsync(system, api);
    }

    // Stops the gateways answering so nothing moves, then compares every counter with the lines on disk.
    private static async Task AssertCountersMatchFilesAsync(SystemUnderTest system, HttpClient api)
    {
        foreach (var id in Users) system.Simulator.Accounts.SetFault(id, SimulatedFault.Unavailable);
        foreach (var id in Users)
        {
            await Eventually.Until(() => Task.FromResult(LastOutcome(system, id)), o => o is not SimulatedOutcome.Reading and not SimulatedOutcome.Pending,
                TimeSpan.FromSeconds(20), $"{id} to stop answering");
            var user = await SystemUnderTest.GetJsonAsync(api, $"/api/users/{id}");
            Assert.Equal(id, user.GetProperty("cloud_id").GetString());
            Assert.Equal(SimulatedAccount.DefaultUser(id), user.GetProperty("user_email").GetString());
            Assert.False(user.TryGetProperty("user_pw", out _));
            Assert.Equal(system.LoggedLines(id).Count, user.GetProperty("total_events_logged").GetInt64());
            Assert.True(user.GetProperty("last_timestamp").GetDouble() >= user.GetProperty("first_timestamp").GetDouble());
        }
        foreach (var id in Users) system.Simulator.Accounts.SetFault(id, SimulatedFault.None);
    }

    private static async Task RestartAndExpectPollingAsync(SystemUnderTest system, SiloProcess silo)
    {
        var before = Users.ToDictionary(id => id, id => system.Simulator.RequestsFor(id).Count);
        await silo.StartAsync();
        // Every user within one minute of the silo being ready (one minute in all), with no API call in between.
        await Eventually.Until(() => Users.All(id => system.Simulator.RequestsFor(id).Count > before[id]),
            TimeSpan.FromSeconds(60), "every user polled again after restart");
    }

    private static SimulatedOutcome? LastOutcome(SystemUnderTest system, string id) =>
        system.Simulator.RequestsFor(id) is { Count: > 0 } requests ? requests[^1].Outcome : null;
}

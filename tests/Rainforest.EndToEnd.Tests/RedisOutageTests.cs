using System.Net;
using System.Text.Json;
using Rainforest.Simulator;
using Rainforest.Testing;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Recording;

namespace Rainforest.EndToEnd.Tests;

/// <summary>Redis going away for a while stops nothing: readings are still logged and the counters catch up.</summary>
public sealed class RedisOutageTests
{
    private static readonly string[] Users = ["0d0001", "0d0002"];

    [Fact]
    public async Task Polling_and_logging_go_on_through_a_redis_restart_and_counters_catch_up()
    {
        await using var system = await SystemUnderTest.StartAsync();
        var silo = system.AddSilo(new Dictionary<string, string> { ["Rainforest:Polling:PersistEveryReadings"] = "2" });
        await silo.StartAsync();
        using var api = silo.CreateClient();
        foreach (var id in Users) (await api.PostAsync($"/api/users/{id}", SystemUnderTest.UserBody(id))).EnsureSuccessStatusCode();
        foreach (var id in Users)
        {
            await Eventually.Until(() => system.LoggedLines(id).Count >= 2, TimeSpan.FromSeconds(40), $"first readings of {id}");
        }

        await system.Redis.StopAsync();
        var duringOutage = Users.ToDictionary(id => id, id => system.LoggedLines(id).Count);
        foreach (var id in Users)
        {
            // Three more readings each while every counter write fails.
            await Eventually.Until(() => system.LoggedLines(id).Count >= duringOutage[id] + 3, TimeSpan.FromSeconds(60),
                $"{id} logged while Redis is down");
        }
        await system.Redis.StartAsync();

        // Back to normal: the counters written after the outage include what was logged during it.
        foreach (var id in Users) system.Simulator.Accounts.SetFault(id, SimulatedFault.Unavailable);
        foreach (var id in Users)
        {
            await Eventually.Until(
                () => Task.FromResult(system.Simulator.RequestsFor(id) is { Count: > 0 } r ? r[^1].Outcome : SimulatedOutcome.Pending),
                o => o == SimulatedOutcome.Unavailable, TimeSpan.FromSeconds(30), $"{id} to stop answering");
            var user = await SystemUnderTest.GetJsonAsync(api, $"/api/users/{id}");
            Assert.Equal(system.LoggedLines(id).Count, user.GetProperty("total_events_logged").GetInt64());
        }
        Assert.False(silo.Output.Contains("poll failed unexpectedly"), silo.Output);

        // And they reached storage (or the hour files): a killed and restarted silo reports the same.
        await silo.KillAsync();
        await silo.StartAsync();
        foreach (var id in Users)
        {
            var user = await SystemUnderTest.GetJsonAsync(api, $"/api/users/{id}");
            Assert.Equal(system.LoggedLines(id).Count, user.GetProperty("total_events_logged").GetInt64());
        }
    }

    [Fact]
    public async Task A_registration_while_redis_is_down_answers_503_with_a_problem_and_retry_after()
    {
        const string known = "0d0003";
        const string newcomer = "0d0004";
        await using var system = await SystemUnderTest.StartAsync();
        var silo = system.AddSilo(new Dictionary<string, string> { ["Rainforest:Cluster:Calls:RetryAfter"] = "00:00:07" });
        await silo.StartAsync();
        using var api = silo.CreateClient();
        (await api.PostAsync($"/api/users/{known}", SystemUnderTest.UserBody(known))).EnsureSuccessStatusCode();

        await system.Redis.StopAsync();
        var changedPassword = SystemUnderTest.JsonBody(new { user_email = SimulatedAccount.DefaultUser(known), user_pw = "a new password" });
        foreach (var (id, body) in new[] { (known, changedPassword), (newcomer, SystemUnderTest.UserBody(newcomer)) })
        {
            var response = await api.PostAsync($"/api/users/{id}", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"POST /api/users/{id} → {(int)response.StatusCode}: {text}\n{silo.Output}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
            Assert.Equal(503, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32());
        }

        // Once Redis is back the same request succeeds.
        await system.Redis.StartAsync();
        await Eventually.Until(async () => (await api.PostAsync($"/api/users/{newcomer}", SystemUnderTest.UserBody(newcomer))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "registration after the outage");

        // The refused update was not kept: posting it again changes the user, it is not "unchanged".
        var retried = await api.PostAsync($"/api/users/{known}",
            SystemUnderTest.JsonBody(new { user_email = SimulatedAccount.DefaultUser(known), user_pw = "a new password" }));
        var retriedText = await retried.Content.ReadAsStringAsync();
        Assert.True(retried.IsSuccessStatusCode, retriedText);
        Assert.Equal("updated", JsonDocument.Parse(retriedText).RootElement.GetProperty("result").GetString());
    }
}

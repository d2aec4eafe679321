using Rainforest.Security.Tests.Fixtures;
using Rainforest.Simulator.Accounts;
using System.Net.Http.Json;

namespace Rainforest.Security.Tests.Validation;

/// <summary>
/// The counters a migration may send with a registration: checked at the edge with a 400 that names the field,
/// taken only by a user that has logged nothing, and never able to rewind a live user's counters.
/// </summary>
[Collection(LoopbackDemoSilo.Collection)]
public sealed class MigratedCounterValidationTests(LoopbackDemoSilo fixture)
{
    private const string Untouched = "0d0e0d";
    private const double Past = 1443274732.39435;

    [Theory]
    [InlineData("""{"total_events_logged": -1}""", "total_events_logged", "0 or more")]
    [InlineData("""{"total_events_logged": 1.5, "first_timestamp": 1, "last_timestamp": 2}""", "total_events_logged", "wrong type")]
    [InlineData("""{"total_events_logged": "12", "first_timestamp": 1, "last_timestamp": 2}""", "total_events_logged", "wrong type")]
    [InlineData("""{"first_timestamp": 1443274732.5, "last_timestamp": 1443274800}""", "total_events_logged", "is required with")]
    [InlineData("""{"total_events_logged": 3}""", "first_timestamp", "is required when")]
    [InlineData("""{"total_events_logged": 3, "first_timestamp": 1443274732.5}""", "last_timestamp", "is required when")]
    [InlineData("""{"total_events_logged": 3, "first_timestamp": -5, "last_timestamp": 1443274800}""", "first_timestamp", "0 or more")]
    [InlineData("""{"total_events_logged": 3, "first_timestamp": 1443274800, "last_timestamp": 1443274732.5}""", "first_timestamp", "not be later than last_timestamp")]
    [InlineData("""{"total_events_logged": 3, "first_timestamp": 1443274732.5, "last_timestamp": 99999999999}""", "last_timestamp", "not be in the future")]
    [InlineData("""{"total_events_logged": 0, "first_timestamp": 1443274732.5, "last_timestamp": 1443274800}""", "first_timestamp", "must be null")]
    public async Task Counters_that_cannot_be_true_are_a_400_naming_the_field(string counters, string field, string why)
    {
        using var api = fixture.Silo.CreateClient();
        var body = $$"""{"user_email": "ok@example.com", "user_pw": "pw-ok", {{counters.TrimStart('{')}}""";
        var response = await api.PostAsync($"/api/users/{Untouched}", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(why, StringComparison.Ordinal));
        await Problems.AssertAsync(await api.GetAsync($"/api/users/{Untouched}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_user_takes_the_migrated_counters_and_the_same_registration_again_is_unchanged()
    {
        const string id = "0d0e01";
        using var api = fixture.Silo.CreateClient();
        var migrated = Counters(id, "wrong-password", 1234, Past, Past + 100_000.5);

        var created = await api.PostAsync($"/api/users/{id}", migrated);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await Json.GetAsync(api, $"/api/users/{id}");
        Assert.Equal(1234, user.GetProperty("total_events_logged").GetInt64());
        Assert.Equal(Past, user.GetProperty("first_timestamp").GetDouble());
        Assert.Equal(Past + 100_000.5, user.GetProperty("last_timestamp").GetDouble());

        var again = await api.PostAsync($"/api/users/{id}", Counters(id, "wrong-password", 1234, Past, Past + 100_000.5));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("unchanged", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/users/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_user_that_has_logged_keeps_its_counters_whatever_a_migration_sends()
    {
        const string id = "0d0e02";
        using var api = fixture.Silo.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/users/{id}", Json.SimulatedUser(id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/event/{id}")).StatusCode);
        var live = await Json.GetAsync(api, $"/api/users/{id}");

        var response = await api.PostAsync($"/api/users/{id}",
            Counters(id, SimulatedAccount.DefaultPassword(id), 1, Past, Past, SimulatedAccount.DefaultUser(id)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unchanged", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
        var after = await Json.GetAsync(api, $"/api/users/{id}");
        Assert.True(after.GetProperty("total_events_logged").GetInt64() >= live.GetProperty("total_events_logged").GetInt64());
        Assert.Equal(live.GetProperty("first_timestamp").GetDouble(), after.GetProperty("first_timestamp").GetDouble());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/users/{id}")).StatusCode);
    }

    private static StringContent Counters(string id, string password, long total, double first, double last, string? email = null) =>
        Json.Body(new
        {
            user_email = email ?? $"old-{id}@example.com",
            user_pw = password,
            total_events_logged = total,
            first_timestamp = first,
            last_timestamp = last,
        });
}

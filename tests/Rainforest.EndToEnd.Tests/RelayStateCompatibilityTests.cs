using System.Net;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>A relay user stored before users had a reading source is still a relay user, polled as before.</summary>
public sealed class RelayStateCompatibilityTests
{
    private static readonly string[] NewFields = ["Source", "GatewayUrl", "ProtectedInstallCode"];

    [Fact]
    public async Task A_user_record_without_the_source_fields_loads_as_a_relay_user_and_keeps_polling()
    {
        const string id = "0c1001";
        await using var system = await SystemUnderTest.StartAsync();
        var silo = system.AddSilo();
        await silo.StartAsync();
        using (var api = silo.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/users/{id}", SystemUnderTest.UserBody(id))).StatusCode);
            await SystemUnderTest.GetJsonAsync(api, $"/api/event/{id}");
        }
        await silo.StopAsync();

        // The stored record as a version without reading sources wrote it: the new fields are simply not there.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(system.Redis.ConnectionString))
        {
            var db = redis.GetDatabase();
            var server = redis.GetServers()[0];
            var key = server.Keys(pattern: $"*state*{id}*").Single(k => k.ToString().Contains("user", StringComparison.OrdinalIgnoreCase));
            var json = JsonNode.Parse((string)(await db.HashGetAsync(key, "data"))!)!;
            // The serializer leaves out default values, so only some of the new fields may be there to remove.
            Assert.Contains("ProtectedPassword", json.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            Strip(json);
            Assert.DoesNotContain(NewFields, f => json.ToJsonString().Contains($"\"{f}\"", StringComparison.OrdinalIgnoreCase));
            await db.HashSetAsync(key, "data", json.ToJsonString());
        }

        await silo.StartAsync();
        using var restarted = silo.CreateClient();
        var user = await SystemUnderTest.GetJsonAsync(restarted, $"/api/users/{id}");
        Assert.Equal("relay", user.GetProperty("source").GetString());
        Assert.False(user.TryGetProperty("gateway_url", out _));
        var logged = user.GetProperty("total_events_logged").GetInt64();
        Assert.True(logged >= 1, $"{logged} logged before the restart");
        await SystemUnderTest.GetJsonAsync(restarted, $"/api/event/{id}");
        await Eventually.Until(async () => (await SystemUnderTest.GetJsonAsync(restarted, $"/api/users/{id}")).GetProperty("total_events_logged").GetInt64() > logged,
            TimeSpan.FromSeconds(30), "readings logged after the restart");
    }

    // Removes the new fields wherever they are in the stored JSON; returns how many were removed.
    private static int Strip(JsonNode node)
    {
        var removed = 0;
        if (node is JsonObject obj)
        {
            foreach (var name in obj.Select(p => p.Key).Where(k => NewFields.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
            {
                obj.Remove(name);
                removed++;
            }
            foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().ToList()) removed += Strip(child);
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>()) removed += Strip(child);
        }
        return removed;
    }
}

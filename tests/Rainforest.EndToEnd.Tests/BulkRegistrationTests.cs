using System.Net;
using System.Text;
using System.Text.Json;
using Rainforest.Simulator.Accounts;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary><c>POST /api/users</c>: many users in one request against a silo on real Redis, one answer per item.</summary>
public sealed class BulkRegistrationTests(RedisSiloFixture fixture) : IClassFixture<RedisSiloFixture>
{
    private readonly SiloProcess _silo = fixture.Silo;

    [Fact]
    public async Task A_mixed_array_is_answered_item_by_item_and_only_the_good_items_are_stored()
    {
        using var api = _silo.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/users/b10001", SystemUnderTest.UserBody("b10001"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/users/b10002", SystemUnderTest.UserBody("b10002"))).StatusCode);

        var response = await PostBulkAsync(api, new object[]
        {
            User("b10003"),                                                     // new
            new { cloud_id = "b10001", user_email = "moved@example.com", user_pw = "changed" }, // updated
            User("B10002"),                                                     // unchanged (any case)
            new { cloud_id = "not-hex", user_email = "x@example.com", user_pw = "pw" },
            new { cloud_id = "b10005", user_email = "x@example.com" },          // no password
            new { cloud_id = "b10006", source = "local", gateway_url = "http://192.168.1.20", install_code = "nope" },
            42,
            User("b10004"),                                                     // new, after the bad ones
            new { cloud_id = "b10007", source = "local", gateway_url = "http://8.8.8.8", install_code = SimulatedAccount.DefaultInstallCode("b10007") },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.Equal(9, results.Count);
        AssertResult(results[0], "b10003", "created");
        AssertResult(results[1], "b10001", "updated");
        AssertResult(results[2], "b10002", "unchanged");
        AssertError(results[3], "not-hex", "cloud_id");
        AssertError(results[4], "b10005", "user_pw");
        AssertError(results[5], "b10006", "install_code");
        AssertError(results[6], null, "$");
        AssertResult(results[7], "b10004", "created");
        AssertError(results[8], "b10007", "gateway_url"); // outside the allowed networks, as the single route would say
        Assert.Equal("Gateway address refused", results[8].GetProperty("error").GetProperty("title").GetString());

        var moved = await SystemUnderTest.GetJsonAsync(api, "/api/users/b10001");
        Assert.Equal("moved@example.com", moved.GetProperty("user_email").GetString());
        foreach (var id in new[] { "b10003", "b10004" })
        {
            Assert.Equal(SimulatedAccount.DefaultUser(id), (await SystemUnderTest.GetJsonAsync(api, $"/api/users/{id}")).GetProperty("user_email").GetString());
        }
        foreach (var id in new[] { "b10005", "b10006", "b10007" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/users/{id}")).StatusCode);
        }
        var listed = await RegisteredIdsAsync(api);
        Assert.Equal(["b10001", "b10002", "b10003", "b10004"], listed.Where(id => id.StartsWith("b1", StringComparison.Ordinal)).Order());

        // Posting the same array again changes nothing.
        var again = JsonDocument.Parse(await (await PostBulkAsync(api, new object[] { User("b10003"), User("b10004") })).Content.ReadAsStringAsync()).RootElement;
        Assert.All(again.EnumerateArray(), r => Assert.Equal("unchanged", r.GetProperty("result").GetString()));
    }

    [Fact]
    public async Task A_push_user_created_in_bulk_gets_its_upload_url_once_and_the_url_takes_its_gateway_readings()
    {
        using var api = _silo.CreateClient();
        using var gateway = _silo.CreateClient(apiKey: null);

        var created = JsonDocument.Parse(await (await PostBulkAsync(api, new object[] { new { cloud_id = "b40001", source = "push" } }))
            .Content.ReadAsStringAsync()).RootElement[0];
        AssertResult(created, "b40001", "created");
        var url = created.GetProperty("uploader").GetProperty("url").GetString()!;

        var at = Uploads.GatewaySeconds(DateTimeOffset.UtcNow);
        var upload = await Uploads.PostAsync(gateway, url, Uploads.Only(Uploads.Gateway, Uploads.Demand(at)));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(1, (await SystemUnderTest.GetJsonAsync(api, "/api/users/b40001")).GetProperty("total_events_logged").GetInt64());

        // Posted again unchanged: the URL stays secret and keeps working.
        var again = JsonDocument.Parse(await (await PostBulkAsync(api, new object[] { new { cloud_id = "b40001", source = "push" } }))
            .Content.ReadAsStringAsync()).RootElement[0];
        AssertResult(again, "b40001", "unchanged");
        Assert.False(again.TryGetProperty("uploader", out _), again.GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await Uploads.PostAsync(gateway, url, Uploads.Only(Uploads.Gateway, Uploads.Demand(at + 6)))).StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_an_array_of_at_most_ten_thousand_or_a_wrong_key_changes_nothing()
    {
        using var api = _silo.CreateClient();
        using var wrongKey = _silo.CreateClient(apiKey: "not-the-key");

        await AssertProblemAsync(await PostBulkAsync(wrongKey, new object[] { User("b20001") }), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await PostBulkAsync(api, User("b20002")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await api.PostAsync("/api/users",
            new StringContent("[{\"cloud_id\": \"b20003\",", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        var tooMany = Enumerable.Range(0, 10_001).Select(i => User($"b3{i:x4}")).ToArray();
        await AssertProblemAsync(await PostBulkAsync(api, tooMany), HttpStatusCode.BadRequest);

        var listed = await RegisteredIdsAsync(api);
        Assert.DoesNotContain(listed, id => id.StartsWith("b2", StringComparison.Ordinal) || id.StartsWith("b3", StringComparison.Ordinal));
    }

    private static object User(string id) => new
    {
        cloud_id = id,
        user_email = SimulatedAccount.DefaultUser(id.ToLowerInvariant()),
        user_pw = SimulatedAccount.DefaultPassword(id.ToLowerInvariant()),
    };

    private static Task<HttpResponseMessage> PostBulkAsync(HttpClient api, object body) => api.PostAsync("/api/users", SystemUnderTest.JsonBody(body));

    private static async Task<List<string>> RegisteredIdsAsync(HttpClient api) =>
        (await SystemUnderTest.GetJsonAsync(api, "/api/users")).GetProperty("users").EnumerateArray()
            .Select(u => u.GetProperty("cloud_id").GetString()!).ToList();

    private static void AssertResult(JsonElement result, string cloudId, string expected)
    {
        Assert.True(result.TryGetProperty("result", out var value), result.GetRawText());
        Assert.Equal(cloudId, result.GetProperty("cloud_id").GetString());
        Assert.Equal(expected, value.GetString());
        Assert.False(result.TryGetProperty("error", out _));
    }

    private static void AssertError(JsonElement result, string? cloudId, string field)
    {
        Assert.True(result.TryGetProperty("error", out var error), result.GetRawText());
        Assert.Equal(cloudId, result.GetProperty("cloud_id").GetString());
        Assert.False(result.TryGetProperty("result", out _));
        Assert.Equal(400, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("detail").GetString()));
        Assert.True(error.GetProperty("errors").TryGetProperty(field, out _), error.GetRawText());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }
}

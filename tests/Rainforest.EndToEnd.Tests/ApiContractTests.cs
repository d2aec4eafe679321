using System.Net;
using System.Text;
using System.Text.Json;
using Rainforest.Simulator;
using Rainforest.Testing;
using Rainforest.Simulator.Accounts;

namespace Rainforest.EndToEnd.Tests;

/// <summary>The HTTP contract of design.md against a running silo: routes, problem bodies, keys, bad input.</summary>
public sealed class ApiContractTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    private readonly SiloProcess _silo = fixture.Silo;

    [Fact]
    public async Task Create_read_update_list_poll_and_delete_a_user()
    {
        using var api = _silo.CreateClient();
        const string id = "00ABCD"; // stored in canonical lower case

        var created = await api.PostAsync($"/api/users/{id}", SystemUnderTest.UserBody("00abcd"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var again = await api.PostAsync($"/api/users/{id}", SystemUnderTest.UserBody("00abcd"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("unchanged", JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("result").GetString());

        var reading = await SystemUnderTest.GetJsonAsync(api, "/api/event/00abcd");
        Assert.Equal(
            ["DeviceMacId", "MeterMacId", "TimeStamp", "Demand", "Multiplier", "Divisor", "DigitsRight", "DigitsLeft", "SuppressLeadingZero"],
            reading.EnumerateObject().Select(p => p.Name));

        var user = await SystemUnderTest.GetJsonAsync(api, "/api/users/00abcd");
        Assert.Equal("00abcd", user.GetProperty("cloud_id").GetString());
        Assert.True(user.GetProperty("total_events_logged").GetInt64() >= 1);
        Assert.DoesNotContain(SimulatedAccount.DefaultPassword("00abcd"), user.GetRawText());

        // An update keeps the counters.
        var before = user.GetProperty("total_events_logged").GetInt64();
        var updated = await api.PostAsync($"/api/users/{id}", SystemUnderTest.JsonBody(new { user_email = "new@example.com", user_pw = "other" }));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var afterUpdate = await SystemUnderTest.GetJsonAsync(api, "/api/users/00abcd");
        Assert.True(afterUpdate.GetProperty("total_events_logged").GetInt64() >= before);
        Assert.Equal("new@example.com", afterUpdate.GetProperty("user_email").GetString());

        // The new password is wrong for the gateway: /api/event says so with a 502 problem.
        var failed = await api.GetAsync("/api/event/00abcd");
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("credentials_rejected", JsonDocument.Parse(await failed.Content.ReadAsStringAsync()).RootElement.GetProperty("kind").GetString());

        var failing = await SystemUnderTest.GetJsonAsync(api, "/api/users?status=failing");
        Assert.Contains(failing.GetProperty("users").EnumerateArray(), u => u.GetProperty("cloud_id").GetString() == "00abcd");

        var list = await SystemUnderTest.GetJsonAsync(api, "/api/users");
        Assert.Contains(list.GetProperty("users").EnumerateArray(), u => u.GetProperty("cloud_id").GetString() == "00abcd");

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("/api/users/00abcd")).StatusCode);
        await AssertProblemAsync(await api.GetAsync("/api/users/00abcd"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await api.GetAsync("/api/event/00abcd"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await api.DeleteAsync("/api/users/00abcd"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_route_requires_a_valid_api_key()
    {
        using var anonymous = _silo.CreateClient(apiKey: null);
        using var wrongKey = _silo.CreateClient(apiKey: "not-the-key");
        foreach (var client in new[] { anonymous, wrongKey })
        {
            await AssertProblemAsync(await client.GetAsync("/api/users"), HttpStatusCode.Unauthorized);
            await AssertProblemAsync(await client.GetAsync("/api/users/002506"), HttpStatusCode.Unauthorized);
            await AssertProblemAsync(await client.GetAsync("/api/event/002506"), HttpStatusCode.Unauthorized);
            await AssertProblemAsync(await client.DeleteAsync("/api/users/002506"), HttpStatusCode.Unauthorized);
            await AssertProblemAsync(await client.PostAsync("/api/users/002506", SystemUnderTest.UserBody("002506")), HttpStatusCode.Unauthorized);
        }
        await AssertNothingRegisteredAsync();
    }

    [Theory]
    [InlineData("..%2Fx")]
    [InlineData("00250")]
    [InlineData("0025067")]
    [InlineData("00250g")]
    [InlineData("%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9")]
    [InlineData("%20%20%20%20%20%20")]
    [InlineData("00 506")]
    public async Task A_cloud_id_that_is_not_six_hex_digits_is_a_400(string cloudId)
    {
        using var api = _silo.CreateClient();
        await AssertProblemAsync(await api.PostAsync($"/api/users/{cloudId}", SystemUnderTest.UserBody("002506")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await api.GetAsync($"/api/users/{cloudId}"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await api.GetAsync($"/api/event/{cloudId}"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await api.DeleteAsync($"/api/users/{cloudId}"), HttpStatusCode.BadRequest);
        await AssertNothingRegisteredAsync();
    }

    [Fact]
    public async Task A_ten_kilobyte_cloud_id_is_refused()
    {
        using var api = _silo.CreateClient();
        var response = await api.PostAsync($"/api/users/{new string('0', 10_240)}", SystemUnderTest.UserBody("002506"));
        Assert.InRange((int)response.StatusCode, 400, 499);
        await AssertNothingRegisteredAsync();
    }

    [Theory]
    [InlineData("{", "application/json")]
    [InlineData("[]", "application/json")]
    [InlineData("{\"user_email\": \"a@example.com\"}", "application/json")]
    [InlineData("{\"user_email\": 5, \"user_pw\": \"x\"}", "application/json")]
    [InlineData("{\"user_email\": \"a@example.com\", \"user_pw\": [\"x\"]}", "application/json")]
    [InlineData("{\"user_email\": \"not-an-email\", \"user_pw\": \"x\"}", "application/json")]
    [InlineData("{\"user_email\": \"a@example.com\", \"user_pw\": \"\"}", "application/json")]
    [InlineData("{\"user_email\": \"a@example.com\", \"user_pw\": \"line\\nbreak\"}", "application/json")]
    [InlineData("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{}}}}}}", "application/json")]
    public async Task A_malformed_body_is_a_400_and_changes_nothing(string body, string contentType)
    {
        using var api = _silo.CreateClient();
        var response = await api.PostAsync("/api/users/002506", new StringContent(body, Encoding.UTF8, contentType));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertNothingRegisteredAsync();
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_and_an_oversized_one_a_413()
    {
        using var api = _silo.CreateClient();
        await AssertProblemAsync(await api.PostAsync("/api/users/002506", new StringContent("user_email=a", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType);
        var huge = SystemUnderTest.JsonBody(new { user_email = "a@example.com", user_pw = "x", padding = new string('x', 8000) });
        await AssertProblemAsync(await api.PostAsync("/api/users/002506", huge), HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingRegisteredAsync();
    }

    [Fact]
    public async Task The_openapi_document_describes_the_routes()
    {
        using var api = _silo.CreateClient();
        var document = await SystemUnderTest.GetJsonAsync(api, "/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/users/{cloud_id}", paths);
        Assert.Contains("/api/users", paths);
        Assert.Contains("/api/event/{cloud_id}", paths);
    }

    private async Task AssertNothingRegisteredAsync()
    {
        using var api = _silo.CreateClient();
        var list = await SystemUnderTest.GetJsonAsync(api, "/api/users");
        Assert.DoesNotContain(list.GetProperty("users").EnumerateArray(), u => u.GetProperty("cloud_id").GetString() == "002506");
        Assert.Empty(HourFiles.LocalLines(_silo.LogsDirectory, "002506"));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }
}

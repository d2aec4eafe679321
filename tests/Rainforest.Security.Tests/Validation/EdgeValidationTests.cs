using System.Net.Http.Headers;
using Rainforest.Security.Tests.Fixtures;

namespace Rainforest.Security.Tests.Validation;

/// <summary>Every route and body is checked at the edge; every refusal is a 4xx problem and changes nothing.</summary>
[Collection(LoopbackDemoSilo.Collection)]
public sealed class EdgeValidationTests(LoopbackDemoSilo fixture)
{
    private const string Untouched = "0d0d0d";

    [Theory]
    [InlineData("0d0d0")]
    [InlineData("0d0d0d0")]
    [InlineData("0d0d0g")]
    [InlineData("0x0d0d")]
    [InlineData("%200d0d0")]
    [InlineData("..%2F0d0d")]
    [InlineData("%EF%BC%900d0d0")]
    [InlineData("0d0d0d%20")]
    public async Task A_cloud_id_that_is_not_exactly_six_hex_digits_is_a_400_on_every_route(string cloudId)
    {
        using var api = fixture.Silo.CreateClient();
        await Problems.AssertAsync(await api.PostAsync($"/api/users/{cloudId}", Json.SimulatedUser(Untouched)), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await api.GetAsync($"/api/users/{cloudId}"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await api.DeleteAsync($"/api/users/{cloudId}"), HttpStatusCode.BadRequest);
        var problem = await Problems.AssertAsync(await api.GetAsync($"/api/event/{cloudId}"), HttpStatusCode.BadRequest);
        Assert.Equal("Invalid Cloud ID", problem.GetProperty("title").GetString());
        await AssertUntouchedAsync();
    }

    [Theory]
    [InlineData("{\"user_email\": \"ok@example.com\", \"user_pw\": \"a\", \"user_pw\": \"b\"}", "user_pw", "more than once")]
    [InlineData("{\"user_email\": 5, \"user_pw\": \"pw-ok\"}", "user_email", "must be a string")]
    [InlineData("{\"user_email\": \"ok@example.com\", \"user_pw\": [\"x\"]}", "user_pw", "must be a string")]
    [InlineData("{\"user_email\": \"ok@example.com\"}", "user_pw", "required")]
    [InlineData("{\"user_email\": \"plain\", \"user_pw\": \"pw-ok\"}", "user_email", "e-mail address")]
    [InlineData("{\"user_email\": \"ok@example.com\", \"user_pw\": \"tab\\there\"}", "user_pw", "printable ASCII")]
    [InlineData("[]", "$", "JSON object")]
    [InlineData("{", "$", "not valid JSON")]
    public async Task A_refused_body_names_the_field_at_fault_and_says_why(string body, string field, string why)
    {
        using var api = fixture.Silo.CreateClient();
        var response = await api.PostAsync($"/api/users/{Untouched}", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(why, StringComparison.Ordinal));
        Assert.Contains(why, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertUntouchedAsync();
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("two@@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("spaces in@example.com")]
    [InlineData("no-dot@localhost")]
    [InlineData("\"quoted\"@example.com")]
    [InlineData("trailing@example.com.")]
    [InlineData("Name <name@example.com>")]
    [InlineData("line@exa\nmple.com")]
    public async Task An_email_that_is_not_shaped_like_one_is_a_400(string email)
    {
        using var api = fixture.Silo.CreateClient();
        await Problems.AssertAsync(await api.PostAsync($"/api/users/{Untouched}", Json.User(email, "pw-ok")), HttpStatusCode.BadRequest);
        var tooLong = new string('a', 250) + "@example.com";
        await Problems.AssertAsync(await api.PostAsync($"/api/users/{Untouched}", Json.User(tooLong, "pw-ok")), HttpStatusCode.BadRequest);
        await AssertUntouchedAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(129)]
    [InlineData(4000)]
    public async Task A_password_outside_1_to_128_characters_is_a_400(int length)
    {
        using var api = fixture.Silo.CreateClient();
        var response = await api.PostAsync($"/api/users/{Untouched}", Json.User("ok@example.com", new string('p', length)));
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{response.StatusCode}");
        await Problems.AssertAsync(response, response.StatusCode);
        await AssertUntouchedAsync();
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("nul\0byte")]
    [InlineData("naïve")]
    [InlineData("emoji😀")]
    public async Task A_password_that_cannot_travel_in_an_http_header_is_a_400(string password)
    {
        using var api = fixture.Silo.CreateClient();
        await Problems.AssertAsync(await api.PostAsync($"/api/users/{Untouched}", Json.User("ok@example.com", password)), HttpStatusCode.BadRequest);
        await AssertUntouchedAsync();
    }

    [Fact]
    public async Task The_longest_allowed_password_and_unknown_fields_are_accepted_while_a_repeated_field_is_not()
    {
        const string id = "0d0d01";
        using var api = fixture.Silo.CreateClient();
        var longest = new string('p', 128);
        var created = await api.PostAsync($"/api/users/{id}", Json.Body(new { user_email = "ok@example.com", user_pw = longest, comment = "from the 2015 import", id = 7 }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(longest, await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var twice = new StringContent("{\"user_email\": \"ok@example.com\", \"user_pw\": \"a\", \"user_pw\": \"b\"}", Encoding.UTF8, "application/json");
        await Problems.AssertAsync(await api.PostAsync($"/api/users/{id}", twice), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/users/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("text/json-ish")]
    [InlineData(null)]
    public async Task A_body_that_is_not_declared_json_is_a_415(string? contentType)
    {
        using var api = fixture.Silo.CreateClient();
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"user_email\": \"ok@example.com\", \"user_pw\": \"pw\"}"));
        if (contentType is not null) body.Headers.TryAddWithoutValidation("Content-Type", contentType);
        await Problems.AssertAsync(await api.PostAsync($"/api/users/{Untouched}", body), HttpStatusCode.UnsupportedMediaType);
        await AssertUntouchedAsync();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_whether_its_length_is_declared_or_not()
    {
        using var api = fixture.Silo.CreateClient();
        var json = JsonSerializer.Serialize(new { user_email = "ok@example.com", user_pw = "pw", padding = new string('x', 5000) });
        await Problems.AssertAsync(await api.PostAsync($"/api/users/{Untouched}", new StringContent(json, Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge);

        // Streamed without a Content-Length (chunked): the limit still holds.
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{Untouched}") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        await Problems.AssertAsync(await api.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        await AssertUntouchedAsync();
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_400()
    {
        using var api = fixture.Silo.CreateClient();
        var deep = new string('[', 2000) + new string(']', 2000);
        await Problems.AssertAsync(await api.PostAsync($"/api/users/{Untouched}", new StringContent(deep, Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        var deepObject = string.Concat(Enumerable.Repeat("{\"user_email\":", 200)) + "1" + new string('}', 200);
        await Problems.AssertAsync(await api.PostAsync($"/api/users/{Untouched}", new StringContent(deepObject, Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        await AssertUntouchedAsync();
    }

    [Theory]
    [InlineData("/nothing-here", "GET", 404)]
    [InlineData("/api", "GET", 404)]
    [InlineData("/api/users/0d0d0d/extra", "GET", 404)]
    [InlineData("/api/users", "DELETE", 405)]
    [InlineData("/api/users/0d0d0d", "PUT", 405)]
    [InlineData("/api/users/0d0d0d", "PATCH", 405)]
    [InlineData("/api/event/0d0d0d", "POST", 405)]
    public async Task Unknown_routes_and_wrong_methods_get_problem_bodies_whatever_the_client_accepts(string path, string method, int status)
    {
        using var api = fixture.Silo.CreateClient();
        foreach (var accept in new[] { "application/json", "text/html", "image/png" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            var response = await api.SendAsync(request);
            await Problems.AssertAsync(response, (HttpStatusCode)status);
            if (status == 405) Assert.NotEmpty(response.Content.Headers.Allow);
        }
        await AssertUntouchedAsync();
    }

    [Theory]
    [InlineData("broken")]
    [InlineData("FAILING ")]
    [InlineData("")]
    public async Task An_unknown_status_filter_is_a_400(string status)
    {
        using var api = fixture.Silo.CreateClient();
        await Problems.AssertAsync(await api.GetAsync($"/api/users?status={Uri.EscapeDataString(status)}"), HttpStatusCode.BadRequest);
    }

    private async Task AssertUntouchedAsync()
    {
        using var api = fixture.Silo.CreateClient();
        await Problems.AssertAsync(await api.GetAsync($"/api/users/{Untouched}"), HttpStatusCode.NotFound);
        Assert.Empty(fixture.Simulator.RequestsFor(Untouched));
        Assert.Empty(HourFiles.LocalLines(fixture.Silo.LogsDirectory, Untouched));
    }
}

using System.Net.Http.Headers;
using Rainforest.Security.Tests.Fixtures;

namespace Rainforest.Security.Tests.Authentication;

/// <summary>Every API route wants one of the configured keys; the keys themselves never reach the output.</summary>
[Collection(KeyedSilo.Collection)]
public sealed class ApiKeyTests(KeyedSilo fixture)
{
    private static readonly string[] Routes = ["/api/users", "/api/users?status=failing", "/api/users/0a0a0a", "/api/event/0a0a0a"];

    [Fact]
    public async Task Each_configured_key_is_accepted_so_keys_can_be_rotated()
    {
        foreach (var key in new[] { SiloProcess.ApiKey, KeyedSilo.RotatedKey })
        {
            using var api = fixture.Silo.CreateClient(key);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/users")).StatusCode);
            await Problems.AssertAsync(await api.GetAsync("/api/users/0a0a0a"), HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key-93f1c2")]
    [InlineData("SEC-KEY-0-8C1D5E7F2A")]
    [InlineData("sec-key-0-8c1d5e7f2")]
    public async Task A_missing_or_wrong_key_is_a_401_problem_on_every_route(string? key)
    {
        using var api = fixture.Silo.CreateClient(apiKey: null);
        foreach (var route in Routes)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete, HttpMethod.Post })
            {
                if (method != HttpMethod.Get && !route.StartsWith("/api/users/", StringComparison.Ordinal)) continue;
                using var request = new HttpRequestMessage(method, route);
                if (key is not null) request.Headers.TryAddWithoutValidation("X-Api-Key", key);
                if (method == HttpMethod.Post) request.Content = Json.SimulatedUser("0a0a0a");
                var response = await api.SendAsync(request);
                await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
                Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
            }
        }
        await AssertNobodyRegisteredAsync();
    }

    [Fact]
    public async Task A_browser_that_does_not_ask_for_json_still_gets_a_401_problem_not_a_500()
    {
        using var api = fixture.Silo.CreateClient(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        await Problems.AssertAsync(await api.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_key_headers_or_a_key_in_the_wrong_place_are_refused()
    {
        using var api = fixture.Silo.CreateClient(apiKey: null);
        using var twice = new HttpRequestMessage(HttpMethod.Get, "/api/users");
        twice.Headers.TryAddWithoutValidation("X-Api-Key", [SiloProcess.ApiKey, SiloProcess.ApiKey]);
        await Problems.AssertAsync(await api.SendAsync(twice), HttpStatusCode.Unauthorized);

        await Problems.AssertAsync(await api.GetAsync("/api/users?api_key=keys-do-not-go-in-urls"), HttpStatusCode.Unauthorized);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/users");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SiloProcess.ApiKey);
        await Problems.AssertAsync(await api.SendAsync(bearer), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_presented_right_or_wrong_never_appear_in_the_output()
    {
        using var right = fixture.Silo.CreateClient(KeyedSilo.RotatedKey);
        using var wrong = fixture.Silo.CreateClient("presented-wrong-key-5d0c81aa");
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/users")).StatusCode);

        // Wait for the request log lines of that last call, so the transcript is not searched too early.
        await Eventually.Until(() => fixture.Silo.Transcript().Contains("invalid API key", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the authentication failure in the log");
        var transcript = fixture.Silo.Transcript();
        foreach (var key in new[] { SiloProcess.ApiKey, KeyedSilo.RotatedKey, KeyedSilo.LimitedKey, "presented-wrong-key-5d0c81aa" })
        {
            Assert.DoesNotContain(key, transcript, StringComparison.Ordinal);
        }
    }

    private async Task AssertNobodyRegisteredAsync()
    {
        using var api = fixture.Silo.CreateClient();
        var list = await Json.GetAsync(api, "/api/users");
        Assert.DoesNotContain(list.GetProperty("users").EnumerateArray(), u => u.GetProperty("cloud_id").GetString() == "0a0a0a");
    }
}

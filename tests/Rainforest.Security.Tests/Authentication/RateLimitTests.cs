using Rainforest.Security.Tests.Fixtures;

namespace Rainforest.Security.Tests.Authentication;

/// <summary>Each API key has its own allowance; a key that spends it gets 429s, the others are not affected.</summary>
[Collection(KeyedSilo.Collection)]
public sealed class RateLimitTests(KeyedSilo fixture)
{
    [Fact]
    public async Task A_key_over_its_allowance_gets_429_problems_while_another_key_is_served()
    {
        using var limited = fixture.Silo.CreateClient(KeyedSilo.LimitedKey);
        using var other = fixture.Silo.CreateClient(SiloProcess.ApiKey);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < KeyedSilo.RequestsPerMinute + 20; i++)
        {
            var response = await limited.GetAsync("/api/users/0b0b0b");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) rejected ??= response;
        }

        // A minute's allowance is served (plus what refilled meanwhile), then the key is refused.
        var served = statuses.Count(s => s == HttpStatusCode.NotFound);
        Assert.InRange(served, KeyedSilo.RequestsPerMinute, KeyedSilo.RequestsPerMinute + 5);
        Assert.Equal(statuses.Count - served, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.NotNull(rejected);
        await Problems.AssertAsync(rejected, HttpStatusCode.TooManyRequests);
        Assert.True(rejected.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {rejected.Headers.RetryAfter}");

        // The other key has its own bucket.
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/users")).StatusCode);
    }
}

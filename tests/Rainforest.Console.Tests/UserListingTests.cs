using System.Net;
using System.Text.Json;
using Rainforest.Testing;

namespace Rainforest.Console.Tests;

/// <summary><c>GET /api/users</c> as the console pages through it: offset, limit, search and counts per state.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class UserListingTests(ConsoleFixture fixture)
{
    private static readonly string[] AllUsers = [.. ConsoleFixture.GoodUsers.Append(ConsoleFixture.RejectedUser).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Pages_follow_each_other_in_cloud_id_order_and_say_how_many_match()
    {
        using var api = fixture.Silo.CreateClient();

        var first = await ListAsync(api, "?offset=0&limit=4");
        var second = await ListAsync(api, "?offset=4&limit=4");

        Assert.Equal(AllUsers.Length, first.GetProperty("total").GetInt32());
        Assert.Equal(4, first.GetProperty("count").GetInt32());
        Assert.Equal(AllUsers.Length - 4, second.GetProperty("count").GetInt32());
        Assert.Equal(AllUsers, Ids(first).Concat(Ids(second)));
        Assert.Equal(4, first.GetProperty("limit").GetInt32());
        Assert.Equal(4, second.GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task Without_paging_every_user_is_listed_as_before()
    {
        using var api = fixture.Silo.CreateClient();

        var all = await ListAsync(api, "");

        Assert.Equal(AllUsers, Ids(all));
        Assert.Equal(AllUsers.Length, all.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, all.GetProperty("limit").ValueKind);
    }

    [Fact]
    public async Task Search_matches_part_of_a_cloud_id_or_an_email_in_any_case()
    {
        using var api = fixture.Silo.CreateClient();

        Assert.Equal(["1a2b3c", "1a2b4d"], Ids(await ListAsync(api, "?search=1A2B")));
        var byEmail = Ids(await ListAsync(api, $"?search={Uri.EscapeDataString(Rainforest.Simulator.Accounts.SimulatedAccount.DefaultUser("2c0ffe"))}"));
        Assert.Contains("2c0ffe", byEmail);
        Assert.Empty(Ids(await ListAsync(api, "?search=nobody-here")));
    }

    [Fact]
    public async Task Counts_per_state_cover_the_search_whatever_the_status_filter()
    {
        using var api = fixture.Silo.CreateClient();

        // The rejected user shows so after its first poll.
        var failing = await Eventually.Until(
            () => ListAsync(api, "?status=failing&limit=10"),
            reply => reply.GetProperty("counts").GetProperty("credentials_rejected").GetInt32() == 1,
            TimeSpan.FromSeconds(30), "the rejected user to be counted");

        Assert.Equal([ConsoleFixture.RejectedUser], Ids(failing));
        Assert.Equal(1, failing.GetProperty("total").GetInt32());
        var counts = failing.GetProperty("counts");
        Assert.Equal(AllUsers.Length, counts.EnumerateObject().Sum(c => c.Value.GetInt32()));
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=1001")]
    [InlineData("?limit=ten")]
    [InlineData("?offset=-1")]
    [InlineData("?offset=1.5")]
    [InlineData("?status=sleeping")]
    public async Task Bad_paging_or_filters_are_a_400_problem(string query)
    {
        using var api = fixture.Silo.CreateClient();

        var response = await api.GetAsync("/api/users" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()));
    }

    private static async Task<JsonElement> ListAsync(HttpClient api, string query)
    {
        var response = await api.GetAsync("/api/users" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /api/users{query} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Ids(JsonElement reply) =>
        [.. reply.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("cloud_id").GetString()!)];
}

using System.Text.Json;
using Rainforest.Testing;

namespace Rainforest.Console.Tests;

/// <summary><c>status_history</c> of <c>GET /api/users/{cloud_id}</c>, through the silo and through the standalone gateway.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class StatusHistoryTests(ConsoleFixture fixture)
{
    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public async Task A_rejected_user_shows_when_and_why_it_stopped_polling(string host)
    {
        using var api = host == "silo" ? fixture.Silo.CreateClient() : fixture.Gateway.CreateClient();

        // The change is recorded at the user's first poll.
        var user = await Eventually.Until(
            async () => JsonDocument.Parse(await api.GetStringAsync($"/api/users/{ConsoleFixture.RejectedUser}")).RootElement.Clone(),
            u => u.GetProperty("status_history").GetArrayLength() > 0,
            TimeSpan.FromSeconds(30), "a status change");

        var change = user.GetProperty("status_history")[0];
        Assert.Equal("polling", change.GetProperty("from").GetString());
        Assert.Equal("credentials_rejected", change.GetProperty("to").GetString());
        Assert.Equal("credentials_rejected", change.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrWhiteSpace(change.GetProperty("reason").GetString()));
        Assert.True(change.GetProperty("at").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        Assert.DoesNotContain("not-the-password", user.GetRawText(), StringComparison.Ordinal);
    }
}

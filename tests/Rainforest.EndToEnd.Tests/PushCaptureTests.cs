using System.Net;
using System.Text.Json;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>A push user's summation and price fragments, kept like a polled capture when capture is on.</summary>
public sealed class PushCaptureTests
{
    [Fact]
    public async Task With_capture_on_an_uploads_summation_and_price_are_logged_once_beside_its_demand_and_readable()
    {
        const string id = "00ec01";
        await using var system = await SystemUnderTest.StartAsync(withRedis: false);
        var silo = system.AddSilo(new Dictionary<string, string>
        {
            ["Rainforest:Capture:Summation"] = "true",
            ["Rainforest:Capture:Price"] = "true",
        }, withRedis: false);
        await silo.StartAsync();
        using var api = silo.CreateClient();
        using var gateway = silo.CreateClient(apiKey: null);
        var url = await Uploads.CreatePushUserAsync(api, id);
        var now = DateTimeOffset.UtcNow;
        var stamp = Uploads.GatewaySeconds(now);
        // A price fragment whose value is not a number is skipped; the rest of the envelope still counts.
        var envelope = Uploads.Only(Uploads.Gateway, Uploads.Demand(stamp), Uploads.Summation(stamp - 2), Uploads.Price(stamp - 1),
            Uploads.Price(stamp, price: "cheap"));

        foreach (var _ in new[] { 1, 2 })
        {
            var pushed = await Uploads.PostAsync(gateway, url, envelope);
            Assert.True(pushed.StatusCode == HttpStatusCode.OK, await pushed.Content.ReadAsStringAsync());
        }

        Assert.Single(system.LoggedLines(id));
        var summation = Fields(Assert.Single(Lines(silo, "summation", id)));
        Assert.Equal(new Dictionary<string, string>
        {
            ["TimeStamp"] = $"0x{stamp - 2:x8}", ["SummationDelivered"] = "0x0000000001321a5f", ["SummationReceived"] = "0x0000000000000000",
            ["Multiplier"] = "0x00000001", ["Divisor"] = "0x000003e8",
        }, summation);
        var price = Fields(Assert.Single(Lines(silo, "price", id)));
        Assert.Equal(new Dictionary<string, string>
        {
            ["TimeStamp"] = $"0x{stamp - 1:x8}", ["Price"] = "0x0000000e", ["TrailingDigits"] = "0x02", ["Currency"] = "0x0348",
            ["Tier"] = "0x01", ["RateLabel"] = "Block 1",
        }, price);

        var from = now.AddHours(-2).ToUnixTimeSeconds();
        foreach (var kind in new[] { "summation", "price" })
        {
            var response = await api.GetAsync($"/api/users/{id}/readings?from={from}&kind={kind}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            Assert.Equal(Lines(silo, kind, id), body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        var csv = (await (await api.GetAsync($"/api/users/{id}/readings?from={from}&kind=price&format=csv")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(",0.14,USD,1,Block 1,", csv[1][csv[1].IndexOf(',', StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    /// <summary>Every <paramref name="kind"/> line of the user, in its sibling hour files here or already archived.</summary>
    internal static List<string> Lines(SiloProcess silo, string kind, string cloudId) =>
    [
        .. HourFiles.LocalLines(silo.LogsDirectory, $"{kind}-{cloudId}"),
        .. HourFiles.ArchivedLines(Path.Combine(silo.DataDirectory, "archive"), $"{kind}-{cloudId}"),
    ];

    private static Dictionary<string, string> Fields(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}

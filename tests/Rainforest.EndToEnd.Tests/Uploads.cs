using System.Net;
using System.Text;
using System.Text.Json;

namespace Rainforest.EndToEnd.Tests;

/// <summary>What a gateway's Uploader sends, and a push user to send it to.</summary>
public static class Uploads
{
    public const ulong Gateway = 0x00158d0000000a1b;
    public const ulong Meter = 0x00135003007c0b2d;

    /// <summary>Gateway seconds (since 2000-01-01 UTC) for a time, as the gateway stamps its readings.</summary>
    public static ulong GatewaySeconds(DateTimeOffset at) => (ulong)(at - new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds;

    public static string Demand(ulong timeStamp, ulong demand = 0x4b0, string tag = "InstantaneousDemand") =>
        $"<{tag}><DeviceMacId>0x{Gateway:x16}</DeviceMacId><MeterMacId>0x{Meter:x16}</MeterMacId><TimeStamp>0x{timeStamp:x8}</TimeStamp>" +
        $"<Demand>0x{demand:x6}</Demand><Multiplier>0x00000001</Multiplier><Divisor>0x000003e8</Divisor><DigitsRight>0x03</DigitsRight>" +
        $"<DigitsLeft>0x06</DigitsLeft><SuppressLeadingZero>Y</SuppressLeadingZero></{tag}>";

    /// <summary>A CurrentSummationDelivered fragment as the Uploader sends it, 0x1321a5f Wh delivered.</summary>
    public static string Summation(ulong timeStamp, string tag = "CurrentSummationDelivered") =>
        $"<{tag}><DeviceMacId>0x{Gateway:x16}</DeviceMacId><MeterMacId>0x{Meter:x16}</MeterMacId><TimeStamp>0x{timeStamp:x8}</TimeStamp>" +
        "<SummationDelivered>0x0000000001321a5f</SummationDelivered><SummationReceived>0x0000000000000000</SummationReceived>" +
        "<Multiplier>0x00000001</Multiplier><Divisor>0x000003e8</Divisor><DigitsRight>0x01</DigitsRight><DigitsLeft>0x06</DigitsLeft>" +
        $"<SuppressLeadingZero>Y</SuppressLeadingZero></{tag}>";

    /// <summary>A PriceCluster fragment as the Uploader sends it: 0.14 USD, tier 1.</summary>
    public static string Price(ulong timeStamp, string price = "0x0000000e") =>
        $"<PriceCluster><DeviceMacId>0x{Gateway:x16}</DeviceMacId><MeterMacId>0x{Meter:x16}</MeterMacId><TimeStamp>0x{timeStamp:x8}</TimeStamp>" +
        $"<Price>{price}</Price><Currency>0x0348</Currency><TrailingDigits>0x02</TrailingDigits><Tier>0x01</Tier>" +
        "<StartTime>0xffffffff</StartTime><Duration>0xffff</Duration><RateLabel>Block 1</RateLabel></PriceCluster>";

    /// <summary>An envelope holding exactly <paramref name="fragments"/>.</summary>
    public static string Only(ulong macId, params string[] fragments) =>
        $"<rainforest macId=\"0x{macId:x16}\" timestamp=\"1355292588s\">\r\n{string.Join("\r\n", fragments)}\r\n</rainforest>";

    /// <summary>An envelope as the Uploader sends it: the demand fragments among the other kinds it pushes.</summary>
    public static string Envelope(ulong macId, params string[] fragments) =>
        $"<rainforest macId=\"0x{macId:x16}\" timestamp=\"1355292588s\">\r\n" +
        "<NetworkInfo><DeviceMacId>0x00158d0000000a1b</DeviceMacId><Status>Connected</Status></NetworkInfo>\r\n" +
        string.Concat(fragments) +
        "<CurrentSummationDelivered><DeviceMacId>0x00158d0000000a1b</DeviceMacId><SummationDelivered>0x0000000001321a5f</SummationDelivered></CurrentSummationDelivered>\r\n" +
        "</rainforest>";

    /// <summary>Posts like a gateway: form-encoded content type, raw XML body.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        return client.PostAsync(url, content);
    }

    /// <summary>Creates a push user and returns the upload URL its creation showed.</summary>
    public static async Task<string> CreatePushUserAsync(HttpClient api, string cloudId)
    {
        var created = await api.PostAsync($"/api/users/{cloudId}", SystemUnderTest.JsonBody(new { source = "push" }));
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("uploader").GetProperty("url").GetString()!;
    }
}

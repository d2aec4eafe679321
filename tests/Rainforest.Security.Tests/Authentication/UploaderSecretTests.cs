using System.Text;
using System.Text.Json;
using Rainforest.Security.Tests.Fixtures;

namespace Rainforest.Security.Tests.Authentication;

/// <summary>
/// The Uploader route is the one API route without a key: its per-user secret is its only credential, opens
/// nothing else, and never reaches the output.
/// </summary>
[Collection(KeyedSilo.Collection)]
public sealed class UploaderSecretTests(KeyedSilo fixture)
{
    private const string User = "0b0b0e";

    [Fact]
    public async Task An_upload_secret_opens_only_its_upload_route_and_an_api_key_does_not_open_it()
    {
        using var api = fixture.Silo.CreateClient();
        using var gateway = fixture.Silo.CreateClient(apiKey: null);
        var created = await api.PostAsync($"/api/users/{User}", new StringContent("""{"source": "push"}""", Encoding.UTF8, "application/json"));
        var url = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("uploader").GetProperty("url").GetString()!;
        var secret = url[(url.LastIndexOf('/') + 1)..];
        try
        {
            var stamp = (ulong)(DateTimeOffset.UtcNow - new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds;
            var envelope = $"<rainforest macId=\"0xd8d5b90000000001\"><InstantaneousDemand><DeviceMacId>0xd8d5b90000000001</DeviceMacId>" +
                $"<MeterMacId>0x0007810000000001</MeterMacId><TimeStamp>0x{stamp:x8}</TimeStamp><Demand>0x0001f4</Demand><Multiplier>0x01</Multiplier>" +
                "<Divisor>0x03e8</Divisor><DigitsRight>0x03</DigitsRight><DigitsLeft>0x06</DigitsLeft><SuppressLeadingZero>Y</SuppressLeadingZero></InstantaneousDemand></rainforest>";

            // An API key is not an upload secret, and an upload secret is not an API key.
            await Problems.AssertAsync(await api.PostAsync("/api/uploader/not-a-secret", Body(envelope)), HttpStatusCode.Unauthorized);
            using var secretAsKey = fixture.Silo.CreateClient(secret);
            await Problems.AssertAsync(await secretAsKey.GetAsync($"/api/users/{User}"), HttpStatusCode.Unauthorized);
            await Problems.AssertAsync(await gateway.GetAsync($"/api/users/{User}"), HttpStatusCode.Unauthorized);

            var pushed = await gateway.PostAsync(url, Body(envelope));
            Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
            var user = await Json.GetAsync(api, $"/api/users/{User}");
            Assert.Equal(1, user.GetProperty("total_events_logged").GetInt64());
            Assert.DoesNotContain(secret, user.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, fixture.Silo.Transcript(), StringComparison.Ordinal);
        }
        finally
        {
            await api.DeleteAsync($"/api/users/{User}");
        }
        await Problems.AssertAsync(await gateway.PostAsync(url, Body("<rainforest macId=\"0x1\"/>")), HttpStatusCode.Unauthorized);
    }

    private static StringContent Body(string xml) => new(xml, Encoding.UTF8, "application/x-www-form-urlencoded");
}

using System.Net;
using System.Text.Json;
using Rainforest.Domain.Readings;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>Users whose gateways push their readings (the EAGLE Uploader), through a running silo's HTTP API.</summary>
public sealed class PushSourceApiTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    private readonly SiloProcess _silo = fixture.Silo;
    private readonly SystemUnderTest _system = fixture.System;

    private List<string> Logged(string id) => _system.LoggedLines(id);

    [Fact]
    public async Task A_push_user_gets_its_upload_url_once_and_an_upload_is_logged_and_readable()
    {
        using var api = _silo.CreateClient();
        using var gateway = _silo.CreateClient(apiKey: null);
        const string id = "00e001";
        var url = await Uploads.CreatePushUserAsync(api, id);
        Assert.StartsWith(_silo.BaseAddress.ToString().TrimEnd('/') + "/api/uploader/", url);
        var secret = url[(url.LastIndexOf('/') + 1)..];
        Assert.True(secret.Length >= 22, url);

        var user = await SystemUnderTest.GetJsonAsync(api, $"/api/users/{id}");
        Assert.Equal("push", user.GetProperty("source").GetString());
        Assert.False(user.TryGetProperty("uploader", out _));
        Assert.DoesNotContain(secret, user.GetRawText());
        var again = await api.PostAsync($"/api/users/{id}", SystemUnderTest.JsonBody(new { source = "push" }));
        Assert.DoesNotContain(secret, await again.Content.ReadAsStringAsync());
        Assert.DoesNotContain("uploader", await again.Content.ReadAsStringAsync());

        var now = DateTimeOffset.UtcNow;
        var stamp = Uploads.GatewaySeconds(now);
        var pushed = await Uploads.PostAsync(gateway, url, Uploads.Envelope(Uploads.Gateway, Uploads.Demand(stamp)));
        Assert.True(pushed.StatusCode == HttpStatusCode.OK, await pushed.Content.ReadAsStringAsync());

        var line = Assert.Single(Logged(id));
        Assert.True(DemandReading.TryRead(System.Text.Encoding.UTF8.GetBytes(line), out var logged));
        Assert.Equal(1.2, logged.Kilowatts, 3);
        Assert.Equal(
            ["DeviceMacId", "MeterMacId", "TimeStamp", "Demand", "Multiplier", "Divisor", "DigitsRight", "DigitsLeft", "SuppressLeadingZero"],
            JsonDocument.Parse(line).RootElement.EnumerateObject().Select(p => p.Name));
        var readings = await api.GetAsync($"/api/users/{id}/readings?from={now.AddMinutes(-5).ToUnixTimeSeconds()}&format=jsonl");
        var text = await readings.Content.ReadAsStringAsync();
        Assert.True(readings.StatusCode == HttpStatusCode.OK, text);
        Assert.Contains(stamp.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
        user = await SystemUnderTest.GetJsonAsync(api, $"/api/users/{id}");
        Assert.Equal(1, user.GetProperty("total_events_logged").GetInt64());
        Assert.DoesNotContain(secret, _silo.Output);
    }

    [Fact]
    public async Task With_capture_off_an_uploads_summation_and_price_are_not_kept()
    {
        using var api = _silo.CreateClient();
        using var gateway = _silo.CreateClient(apiKey: null);
        const string id = "00e00c";
        var url = await Uploads.CreatePushUserAsync(api, id);
        var stamp = Uploads.GatewaySeconds(DateTimeOffset.UtcNow);

        var pushed = await Uploads.PostAsync(gateway, url,
            Uploads.Only(Uploads.Gateway, Uploads.Demand(stamp), Uploads.Summation(stamp, tag: "CurrentSummation"), Uploads.Price(stamp)));

        Assert.True(pushed.StatusCode == HttpStatusCode.OK, await pushed.Content.ReadAsStringAsync());
        Assert.Single(Logged(id));
        Assert.Empty(PushCaptureTests.Lines(_silo, "summation", id));
        Assert.Empty(PushCaptureTests.Lines(_silo, "price", id));
    }

    [Fact]
    public async Task A_wrong_secret_is_401_whether_or_not_it_resembles_a_real_one_and_needs_no_api_key()
    {
        using var gateway = _silo.CreateClient(apiKey: null);
        var envelope = Uploads.Envelope(Uploads.Gateway, Uploads.Demand(Uploads.GatewaySeconds(DateTimeOffset.UtcNow)));
        foreach (var secret in new[] { "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x", new string('a', 500), "%2e%2e%2fetc" })
        {
            var response = await Uploads.PostAsync(gateway, $"/api/uploader/{secret}", envelope);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_new_upload_url_revokes_the_old_one()
    {
        using var api = _silo.CreateClient();
        using var gateway = _silo.CreateClient(apiKey: null);
        const string id = "00e002";
        var old = await Uploads.CreatePushUserAsync(api, id);

        var renewed = await api.PostAsync($"/api/users/{id}", SystemUnderTest.JsonBody(new { source = "push", new_upload_url = true }));
        var body = JsonDocument.Parse(await renewed.Content.ReadAsStringAsync()).RootElement;
        var current = body.GetProperty("uploader").GetProperty("url").GetString()!;
        Assert.NotEqual(old, current);

        var stamp = Uploads.GatewaySeconds(DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Uploads.PostAsync(gateway, old, Uploads.Envelope(Uploads.Gateway, Uploads.Demand(stamp)))).StatusCode);
        Assert.Empty(Logged(id));
        Assert.Equal(HttpStatusCode.OK, (await Uploads.PostAsync(gateway, current, Uploads.Envelope(Uploads.Gateway, Uploads.Demand(stamp)))).StatusCode);
        Assert.Single(Logged(id));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/users/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Uploads.PostAsync(gateway, current, Uploads.Envelope(Uploads.Gateway, Uploads.Demand(stamp + 6)))).StatusCode);
    }

    [Fact]
    public async Task An_upload_from_another_gateway_is_403_and_writes_nothing()
    {
        using var api = _silo.CreateClient();
        using var gateway = _silo.CreateClient(apiKey: null);
        const string id = "00e003";
        var url = await Uploads.CreatePushUserAsync(api, id);
        var stamp = Uploads.GatewaySeconds(DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await Uploads.PostAsync(gateway, url, Uploads.Envelope(Uploads.Gateway, Uploads.Demand(stamp)))).StatusCode);

        var other = await Uploads.PostAsync(gateway, url, Uploads.Envelope(0x00158d00000fffff, Uploads.Demand(stamp + 6)));

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Single(Logged(id));
    }

    [Fact]
    public async Task A_resent_envelope_is_not_logged_twice()
    {
        using var api = _silo.CreateClient();
        using var gateway = _silo.CreateClient(apiKey: null);
        const string id = "00e004";
        var url = await Uploads.CreatePushUserAsync(api, id);
        var stamp = Uploads.GatewaySeconds(DateTimeOffset.UtcNow);
        var first = Uploads.Envelope(Uploads.Gateway, Uploads.Demand(stamp - 12), Uploads.Demand(stamp - 6));
        var second = Uploads.Envelope(Uploads.Gateway, Uploads.Demand(stamp));

        foreach (var envelope in new[] { first, second, first, second, second })
        {
            Assert.Equal(HttpStatusCode.OK, (await Uploads.PostAsync(gateway, url, envelope)).StatusCode);
        }

        Assert.Equal(3, Logged(id).Count);
        Assert.Equal(3, Logged(id).Distinct().Count());
    }

    [Fact]
    public async Task An_upload_above_64_KiB_is_413_and_a_malformed_one_400()
    {
        using var api = _silo.CreateClient();
        using var gateway = _silo.CreateClient(apiKey: null);
        const string id = "00e005";
        var url = await Uploads.CreatePushUserAsync(api, id);
        var stamp = Uploads.GatewaySeconds(DateTimeOffset.UtcNow);
        var huge = Uploads.Envelope(Uploads.Gateway, Uploads.Demand(stamp), new string(' ', 64 * 1024));

        var tooLarge = await Uploads.PostAsync(gateway, url, huge);
        var chunked = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new("text/xml");
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var tooLargeChunked = await gateway.SendAsync(request);
        var malformed = await Uploads.PostAsync(gateway, url, "<rainforest macId=\"0x1\"><InstantaneousDemand><TimeStamp>");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeChunked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Empty(Logged(id));
        Assert.Equal(HttpStatusCode.OK, (await Uploads.PostAsync(gateway, url, Uploads.Envelope(Uploads.Gateway, Uploads.Demand(stamp)))).StatusCode);
    }

    [Fact]
    public async Task A_runaway_gateway_gets_429_and_other_upload_urls_are_not_held_back()
    {
        using var api = _silo.CreateClient();
        using var gateway = _silo.CreateClient(apiKey: null);
        var url = await Uploads.CreatePushUserAsync(api, "00e006");
        var calm = await Uploads.CreatePushUserAsync(api, "00e007");
        var stamp = Uploads.GatewaySeconds(DateTimeOffset.UtcNow);
        var envelope = Uploads.Envelope(Uploads.Gateway, Uploads.Demand(stamp));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++) statuses.Add((await Uploads.PostAsync(gateway, url, envelope)).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, s.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await Uploads.PostAsync(gateway, calm, envelope)).StatusCode);
    }

    [Fact]
    public async Task A_push_user_is_not_polled_on_demand()
    {
        using var api = _silo.CreateClient();
        await Uploads.CreatePushUserAsync(api, "00e008");

        var poll = await api.GetAsync("/api/event/00e008");

        Assert.Equal(HttpStatusCode.Conflict, poll.StatusCode);
        var user = await SystemUnderTest.GetJsonAsync(api, "/api/users/00e008");
        Assert.Equal(JsonValueKind.Null, user.GetProperty("status").GetProperty("next_poll_at").ValueKind);
    }

    [Fact]
    public async Task The_simulators_uploader_pushes_readings_that_are_logged_as_they_arrive()
    {
        using var api = _silo.CreateClient();
        using var control = new HttpClient { BaseAddress = _system.Simulator.BaseUrl };
        const string id = "00e009";
        var url = await Uploads.CreatePushUserAsync(api, id);

        var started = await control.PutAsync($"/sim/accounts/{id}/uploader", SystemUnderTest.JsonBody(new { url, everySeconds = 1 }));
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        try
        {
            await Eventually.Until(() => Logged(id).Count >= 3, TimeSpan.FromSeconds(30), "three pushed readings logged");
        }
        finally
        {
            await control.DeleteAsync($"/sim/accounts/{id}/uploader");
        }

        var lines = Logged(id);
        Assert.Equal(lines.Count, lines.Distinct().Count());
        Assert.All(lines, l => Assert.True(DemandReading.TryRead(System.Text.Encoding.UTF8.GetBytes(l), out _)));
        var user = await SystemUnderTest.GetJsonAsync(api, $"/api/users/{id}");
        Assert.Equal("polling", user.GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_gateway_speaking_http_1_0_with_any_content_type_is_accepted()
    {
        using var api = _silo.CreateClient();
        using var gateway = _silo.CreateClient(apiKey: null);
        const string id = "00e00a";
        var url = await Uploads.CreatePushUserAsync(api, id);
        var stamp = Uploads.GatewaySeconds(DateTimeOffset.UtcNow);

        foreach (var (type, offset) in new[] { ("text/xml", 0UL), ("text/plain", 6UL), ("application/octet-stream", 12UL) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Version = HttpVersion.Version10,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new StringContent(Uploads.Envelope(Uploads.Gateway, Uploads.Demand(stamp + offset)), System.Text.Encoding.UTF8, type),
            };
            var response = await gateway.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{type}: {(int)response.StatusCode}");
        }

        Assert.Equal(3, Logged(id).Count);
    }
}

using System.Net;
using System.Text.Json;
using Rainforest.Domain.Readings;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>Registering and polling users whose readings come from a gateway's local API, through the HTTP API of a running silo.</summary>
public sealed class LocalSourceApiTests(LocalSourceFixture fixture) : IClassFixture<LocalSourceFixture>
{
    private readonly SiloProcess _silo = fixture.Silo;
    private readonly SystemUnderTest _system = fixture.System;

    private string GatewayUrl => _system.Simulator.BaseUrl.ToString();

    [Fact]
    public async Task A_local_user_is_registered_shown_without_its_install_code_polled_and_logged()
    {
        using var api = _silo.CreateClient();
        const string id = "00f001";
        var code = SimulatedAccount.DefaultInstallCode(id);

        var created = await api.PostAsync($"/api/users/{id}", SystemUnderTest.JsonBody(new { source = "local", gateway_url = GatewayUrl, install_code = code }));
        var createdBody = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdBody);
        Assert.DoesNotContain(code, createdBody, StringComparison.OrdinalIgnoreCase);

        var reading = await SystemUnderTest.GetJsonAsync(api, $"/api/event/{id}");
        Assert.Equal(
            ["DeviceMacId", "MeterMacId", "TimeStamp", "Demand", "Multiplier", "Divisor", "DigitsRight", "DigitsLeft", "SuppressLeadingZero"],
            reading.EnumerateObject().Select(p => p.Name));
        await Eventually.Until(() => _system.LoggedLines(id).Count >= 1, TimeSpan.FromSeconds(20), "a logged line");
        Assert.True(DemandReading.TryRead(System.Text.Encoding.UTF8.GetBytes(_system.LoggedLines(id)[0]), out var logged));
        Assert.InRange(logged.Kilowatts, 0.2, 6.5);

        var user = await SystemUnderTest.GetJsonAsync(api, $"/api/users/{id}");
        Assert.Equal("local", user.GetProperty("source").GetString());
        Assert.Equal(GatewayUrl.TrimEnd('/'), user.GetProperty("gateway_url").GetString());
        Assert.DoesNotContain(code, user.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var list = await SystemUnderTest.GetJsonAsync(api, "/api/users");
        Assert.Contains(list.GetProperty("users").EnumerateArray(),
            u => u.GetProperty("cloud_id").GetString() == id && u.GetProperty("source").GetString() == "local");
        Assert.DoesNotContain(code, _silo.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrapped_negative_reads_back_from_the_readings_route_as_negative_kilowatts()
    {
        using var api = _silo.CreateClient();
        const string id = "00f006";
        _system.Simulator.Accounts.Add(id, SimulatedFault.WrappedNegative);
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        await RegisterLocalAsync(api, id);

        await SystemUnderTest.GetJsonAsync(api, $"/api/event/{id}");
        var response = await api.GetAsync($"/api/users/{id}/readings?from={from.ToUnixTimeSeconds()}&format=csv");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var rows = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.InRange(double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture), -3.8, -0.2));
        Assert.All(rows, r => Assert.Equal("1000", r[7]));
    }

    [Fact]
    public async Task A_meter_that_is_not_delivering_is_a_502_with_its_own_kind_and_nothing_logged()
    {
        using var api = _silo.CreateClient();
        const string id = "00f002";
        _system.Simulator.Accounts.Add(id, SimulatedFault.NotDelivering);
        await RegisterLocalAsync(api, id);

        var failed = await api.GetAsync($"/api/event/{id}");

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal("meter_not_delivering", JsonDocument.Parse(await failed.Content.ReadAsStringAsync()).RootElement.GetProperty("kind").GetString());
        Assert.Empty(_system.LoggedLines(id));
    }

    [Fact]
    public async Task A_wrong_install_code_is_a_credentials_rejected_poll()
    {
        using var api = _silo.CreateClient();
        const string id = "00f003";
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/users/{id}",
            SystemUnderTest.JsonBody(new { source = "local", gateway_url = GatewayUrl, install_code = "0000000000000000" }))).StatusCode);

        var failed = await api.GetAsync($"/api/event/{id}");

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal("credentials_rejected", JsonDocument.Parse(await failed.Content.ReadAsStringAsync()).RootElement.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("""{"source": "local", "install_code": "0011223344556677"}""", "gateway_url")]
    [InlineData("""{"source": "local", "gateway_url": "http://192.168.1.20"}""", "install_code")]
    [InlineData("""{"source": "local", "gateway_url": "http://192.168.1.20", "install_code": "00112233445566"}""", "install_code")]
    [InlineData("""{"source": "local", "gateway_url": "http://192.168.1.20", "install_code": "001122334455667g"}""", "install_code")]
    [InlineData("""{"source": "local", "gateway_url": "ftp://192.168.1.20", "install_code": "0011223344556677"}""", "gateway_url")]
    [InlineData("""{"source": "local", "gateway_url": "http://admin:pw@192.168.1.20", "install_code": "0011223344556677"}""", "gateway_url")]
    [InlineData("""{"source": "local", "gateway_url": "http://192.168.1.20/cgi-bin/post_manager", "install_code": "0011223344556677"}""", "gateway_url")]
    [InlineData("""{"source": "local", "gateway_url": "http://192.168.1.20/?x=1", "install_code": "0011223344556677"}""", "gateway_url")]
    [InlineData("""{"source": "local", "gateway_url": "http://192.168.1.20#f", "install_code": "0011223344556677"}""", "gateway_url")]
    [InlineData("""{"source": "local", "gateway_url": "192.168.1.20", "install_code": "0011223344556677"}""", "gateway_url")]
    [InlineData("""{"source": "local", "gateway_url": 5, "install_code": "0011223344556677"}""", "gateway_url")]
    [InlineData("""{"source": "local", "gateway_url": "http://192.168.1.20", "install_code": "0011223344556677", "user_email": "plain"}""", "user_email")]
    [InlineData("""{"source": "cloud", "user_email": "ok@example.com", "user_pw": "pw"}""", "source")]
    [InlineData("""{"source": "relay", "gateway_url": "http://192.168.1.20", "install_code": "0011223344556677"}""", "user_email")]
    public async Task A_bad_local_body_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        using var api = _silo.CreateClient();
        const string id = "00f004";

        var response = await api.PostAsync($"/api/users/{id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
        Assert.DoesNotContain("0011223344556677", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/users/{id}")).StatusCode);
    }

    [Fact]
    public async Task Cloud_metadata_is_refused_at_registration_and_a_relay_user_stays_as_it_was()
    {
        using var api = _silo.CreateClient();
        const string id = "00f005";
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/users/{id}", SystemUnderTest.UserBody(id))).StatusCode);
        await SystemUnderTest.GetJsonAsync(api, $"/api/event/{id}");

        var refused = await api.PostAsync($"/api/users/{id}", SystemUnderTest.JsonBody(new
        {
            source = "local", gateway_url = "http://169.254.169.254", install_code = SimulatedAccount.DefaultInstallCode(id),
        }));

        var text = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("169.254.169.254", JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("gateway_url")[0].GetString(), StringComparison.Ordinal);
        var user = await SystemUnderTest.GetJsonAsync(api, $"/api/users/{id}");
        Assert.Equal("relay", user.GetProperty("source").GetString());
        Assert.False(user.TryGetProperty("gateway_url", out _));
        Assert.Equal(SimulatedAccount.DefaultUser(id), user.GetProperty("user_email").GetString());
        await SystemUnderTest.GetJsonAsync(api, $"/api/event/{id}");
    }

    private async Task RegisterLocalAsync(HttpClient api, string id)
    {
        var response = await api.PostAsync($"/api/users/{id}", SystemUnderTest.JsonBody(new
        {
            source = "local", gateway_url = GatewayUrl, install_code = SimulatedAccount.DefaultInstallCode(id),
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}

namespace Rainforest.Simulator.Tests;

public sealed class RelayReplyTests
{
    private const string CloudId = "0a1b2c";

    [Fact]
    public async Task Configured_account_gets_the_canonical_reply()
    {
        var clock = Relay.Clock();
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { TimeProvider = clock });
        simulator.Accounts.Add(CloudId, "someone@example.com", "secret");
        using var client = new HttpClient();

        using var response = await Relay.PostAsync(client, simulator, CloudId.ToUpperInvariant(), "someone@example.com", "secret");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<InstantaneousDemand>\r\n  <DeviceMacId>0x", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", body.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var reply = XDocument.Parse(body);
        Assert.Equal("InstantaneousDemand", reply.Root!.Name.LocalName);
        string[] hexFields = ["DeviceMacId", "MeterMacId", "TimeStamp", "Demand", "Multiplier", "Divisor", "DigitsRight", "DigitsLeft"];
        foreach (var name in hexFields)
        {
            Assert.Matches("^0x[0-9a-f]+$", reply.Root.Element(name)!.Value);
        }
        Assert.Equal("Y", reply.Root.Element("SuppressLeadingZero")!.Value);
        Assert.Equal("0x000003e8", reply.Root.Element("Divisor")!.Value);
        Assert.Equal(Relay.EagleSeconds(clock.GetUtcNow()), Relay.Hex32(reply, "TimeStamp"));
        Assert.InRange(Relay.Hex32(reply, "Demand"), 200u, 5000u);
        // Even Cloud IDs carry the vendor prefix: above 2^63, so only an unsigned parse reads it.
        var device = ulong.Parse(reply.Root.Element("DeviceMacId")!.Value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.True(device > long.MaxValue);
    }

    [Fact]
    public async Task Json_format_answers_an_object_of_hex_strings()
    {
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions());
        simulator.Accounts.Add(CloudId, "someone@example.com", "secret");
        using var client = new HttpClient();

        using var response = await Relay.PostAsync(client, simulator, CloudId, "someone@example.com", "secret", Relay.JsonDemandCommand);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var demand = json.RootElement.GetProperty("InstantaneousDemand");
        Assert.StartsWith("0x", demand.GetProperty("DeviceMacId").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("0x", demand.GetProperty("Demand").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_command_get_error_roots()
    {
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions());
        simulator.Accounts.Add(CloudId, "someone@example.com", "secret");
        using var client = new HttpClient();

        using var wrong = await Relay.PostAsync(client, simulator, CloudId, "someone@example.com", "not-it");
        using var unknown = await Relay.PostAsync(client, simulator, CloudId, "someone@example.com", "secret", "<Command><Name>get_nothing</Name></Command>");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var auth = XDocument.Parse(await wrong.Content.ReadAsStringAsync());
        Assert.Equal("Error", auth.Root!.Name.LocalName);
        Assert.Equal("Authentication failed: invalid user or password", auth.Root.Element("Text")!.Value);
        var command = XDocument.Parse(await unknown.Content.ReadAsStringAsync());
        Assert.Equal("Unknown command", command.Root!.Element("Text")!.Value);
    }
}

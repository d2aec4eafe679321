using System.Net.Http.Headers;
using Rainforest.Simulator.Accounts;

namespace Rainforest.Simulator.Tests;

/// <summary>The EAGLE-200 local API each account serves beside the relay: Basic auth with the install code.</summary>
public sealed class LocalApiTests
{
    private const string DeviceList = "<Command><Name>device_list</Name></Command>";

    [Fact]
    public async Task Device_list_names_a_stale_meter_first_then_the_connected_one_which_device_query_reads()
    {
        var clock = Relay.Clock();
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true, TimeProvider = clock });
        using var client = new HttpClient();
        const string id = "00beef";

        var list = XDocument.Parse(await PostOkAsync(client, simulator, id, SimulatedAccount.DefaultInstallCode(id), DeviceList));

        var devices = list.Root!.Elements("Device").ToList();
        Assert.Equal(2, devices.Count);
        Assert.Equal("Not joined", devices[0].Element("ConnectionStatus")!.Value);
        Assert.Equal("0x00000000", devices[0].Element("LastContact")!.Value);
        Assert.Equal("Connected", devices[1].Element("ConnectionStatus")!.Value);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), Convert.ToInt64(devices[1].Element("LastContact")!.Value, 16));

        var meter = devices[1].Element("HardwareAddress")!.Value;
        var query = XDocument.Parse(await PostOkAsync(client, simulator, id, SimulatedAccount.DefaultInstallCode(id), Query(meter)));
        var variable = query.Descendants("Variable").Single();
        Assert.Equal("zigbee:InstantaneousDemand", variable.Element("Name")!.Value);
        Assert.Equal("kW", variable.Element("Units")!.Value);
        Assert.InRange(decimal.Parse(variable.Element("Value")!.Value, CultureInfo.InvariantCulture), 0.2m, 6.5m);
        Assert.Equal(meter, query.Root!.Element("DeviceDetails")!.Element("HardwareAddress")!.Value);
        Assert.StartsWith("0x", query.Root.Element("DeviceDetails")!.Element("NetworkInterface")!.Value, StringComparison.Ordinal);

        // The stale meter answers with every value empty.
        var stale = XDocument.Parse(await PostOkAsync(client, simulator, id, SimulatedAccount.DefaultInstallCode(id), Query(devices[0].Element("HardwareAddress")!.Value)));
        Assert.Equal("", stale.Descendants("Value").Single().Value);
    }

    [Fact]
    public async Task A_wrong_install_code_is_401_and_one_set_through_the_control_api_is_accepted_and_never_shown()
    {
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions());
        using var client = new HttpClient { BaseAddress = simulator.BaseUrl };
        const string id = "00cafe", code = "0123456789ABCDEF";

        using var put = await client.PutAsJsonAsync($"/sim/accounts/{id}", new { installCode = code });
        using var badCode = await client.PutAsJsonAsync($"/sim/accounts/{id}", new { installCode = "xyz" });
        using var wrong = await PostAsync(client, simulator, id, SimulatedAccount.DefaultInstallCode(id), DeviceList);
        using var right = await PostAsync(client, simulator, id, code, DeviceList);
        var view = await client.GetStringAsync($"/sim/accounts/{id}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.DoesNotContain(code, view, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(code, simulator.Accounts.Find(id)!.InstallCode);
    }

    [Fact]
    public async Task The_relay_on_the_same_path_is_unchanged()
    {
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true });
        using var client = new HttpClient();

        var reading = await Relay.DemandAsync(client, simulator, "00beef", SimulatedAccount.DefaultUser("00beef"), SimulatedAccount.DefaultPassword("00beef"));

        Assert.Equal("InstantaneousDemand", XDocument.Parse(reading).Root!.Name.LocalName);
    }

    private static string Query(string meter) =>
        $"<Command><Name>device_query</Name><DeviceDetails><HardwareAddress>{meter}</HardwareAddress></DeviceDetails>" +
        "<Components><Component><Name>Main</Name><Variables><Variable><Name>zigbee:InstantaneousDemand</Name></Variable></Variables></Component></Components></Command>";

    private static async Task<string> PostOkAsync(HttpClient client, GatewaySimulator simulator, string id, string code, string command)
    {
        using var response = await PostAsync(client, simulator, id, code, command);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, GatewaySimulator simulator, string id, string code, string command)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, simulator.RelayUrl) { Content = new StringContent(command, Encoding.UTF8, "text/xml") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{code}")));
        return client.SendAsync(request);
    }
}

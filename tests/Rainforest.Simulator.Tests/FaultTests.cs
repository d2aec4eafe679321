using Rainforest.Simulator.Faults;
namespace Rainforest.Simulator.Tests;

public sealed class FaultTests : IAsyncLifetime
{
    private const string CloudId = "00beef";
    private const string User = "fault@example.com";
    private const string Password = "pw";

    private readonly FakeTimeProvider clock = Relay.Clock();
    private readonly HttpClient client = new();
    private GatewaySimulator simulator = null!;

    public async Task InitializeAsync() =>
        simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { TimeProvider = clock });

    public async Task DisposeAsync()
    {
        client.Dispose();
        await simulator.DisposeAsync();
    }

    [Fact]
    public async Task Unavailable_answers_503()
    {
        simulator.Accounts.Add(CloudId, User, Password, SimulatedFault.Unavailable);

        using var response = await Relay.PostAsync(client, simulator, CloudId, User, Password);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Hang_answers_nothing_before_the_client_gives_up()
    {
        simulator.Accounts.Add(CloudId, User, Password, SimulatedFault.Hang);
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => Relay.PostAsync(impatient, simulator, CloudId, User, Password));
    }

    [Fact]
    public async Task Truncated_is_not_well_formed()
    {
        simulator.Accounts.Add(CloudId, User, Password, SimulatedFault.Truncated);

        var body = await Relay.DemandAsync(client, simulator, CloudId, User, Password);

        Assert.StartsWith("<InstantaneousDemand>", body, StringComparison.Ordinal);
        Assert.ThrowsAny<XmlException>(() => XDocument.Parse(body));
    }

    [Fact]
    public async Task Repeat_sends_the_identical_reading()
    {
        simulator.Accounts.Add(CloudId, User, Password, SimulatedFault.Repeat);

        var first = await Relay.DemandAsync(client, simulator, CloudId, User, Password);
        clock.Advance(TimeSpan.FromSeconds(6));
        var second = await Relay.DemandAsync(client, simulator, CloudId, User, Password);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Backwards_time_stamps_decrease()
    {
        simulator.Accounts.Add(CloudId, User, Password, SimulatedFault.Backwards);

        var stamps = new List<uint>();
        for (var i = 0; i < 3; i++)
        {
            stamps.Add(Relay.Hex32(XDocument.Parse(await Relay.DemandAsync(client, simulator, CloudId, User, Password)), "TimeStamp"));
            clock.Advance(TimeSpan.FromSeconds(6));
        }

        Assert.True(stamps[0] > stamps[1] && stamps[1] > stamps[2], string.Join(", ", stamps));
    }

    [Fact]
    public async Task Export_missing_fields_and_flaky_look_like_the_field()
    {
        simulator.Accounts.Add(CloudId, User, Password, SimulatedFault.Export);
        var export = XDocument.Parse(await Relay.DemandAsync(client, simulator, CloudId, User, Password));
        Assert.True(Relay.Hex32(export, "Demand") >= 0x80000000u, "export is a negative 32-bit demand");

        simulator.Accounts.SetFault(CloudId, SimulatedFault.MissingFields);
        var missing = XDocument.Parse(await Relay.DemandAsync(client, simulator, CloudId, User, Password));
        Assert.Null(missing.Root!.Element("Demand"));
        Assert.NotNull(missing.Root.Element("TimeStamp"));

        simulator.Accounts.SetFault(CloudId, SimulatedFault.Flaky);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await Relay.PostAsync(client, simulator, CloudId, User, Password);
            statuses.Add(response.StatusCode);
        }
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.OK));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Rainforest.Eagle.Local;
using Rainforest.Simulator;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Recording;

namespace Rainforest.Eagle.Tests;

/// <summary>The local API client against the simulator's EAGLE-200 local API, over a real loopback socket.</summary>
public sealed class LocalApiClientTests : IAsyncLifetime
{
    private const string CloudId = "00c0de";
    private GatewaySimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await GatewaySimulator.StartAsync(new SimulatorOptions());

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private LocalGateway Gateway(string? installCode = null) =>
        new(_simulator.BaseUrl, CloudId, installCode ?? SimulatedAccount.DefaultInstallCode(CloudId));

    [Fact]
    public async Task Finds_the_connected_meter_past_the_stale_one_and_reads_its_demand()
    {
        _simulator.Accounts.Add(CloudId);
        using var services = LocalClients.Services(LocalClients.LoopbackAllowed);
        var client = services.GetRequiredService<EagleLocalClient>();

        var first = await client.GetInstantaneousDemandAsync(Gateway(), meter: null);

        Assert.True(first.Outcome.IsReading, first.Outcome.Detail);
        Assert.NotNull(first.Meter);
        Assert.Equal(first.Meter, first.Outcome.Reading.MeterMacId);
        // The simulator names the gateway's own MAC (NetworkInterface); the record keeps it as DeviceMacId.
        Assert.NotEqual(0UL, first.Outcome.Reading.DeviceMacId);
        Assert.InRange(first.Outcome.Reading.DemandKilowatts, 0.2, 6.5);
        Assert.Equal([SimulatedOutcome.DeviceList, SimulatedOutcome.Reading], _simulator.RequestsFor(CloudId).Select(r => r.Outcome));

        // The meter is remembered: the next poll is a single device_query.
        var second = await client.GetInstantaneousDemandAsync(Gateway(), first.Meter);
        Assert.True(second.Outcome.IsReading, second.Outcome.Detail);
        Assert.Equal(3, _simulator.RequestsFor(CloudId).Count);
    }

    [Theory]
    [InlineData(SimulatedFault.UnitsInline)]
    [InlineData(SimulatedFault.None)]
    public async Task Both_unit_spellings_read_as_positive_kilowatts(SimulatedFault fault)
    {
        _simulator.Accounts.Add(CloudId, fault);
        using var services = LocalClients.Services(LocalClients.LoopbackAllowed);

        var poll = await services.GetRequiredService<EagleLocalClient>().GetInstantaneousDemandAsync(Gateway(), null);

        Assert.True(poll.Outcome.IsReading, poll.Outcome.Detail);
        Assert.InRange(poll.Outcome.Reading.DemandKilowatts, 0.2, 6.5);
    }

    [Theory]
    [InlineData(SimulatedFault.WrappedNegative)]
    [InlineData(SimulatedFault.Export)]
    public async Task Solar_export_reads_as_a_negative_demand_however_the_firmware_writes_it(SimulatedFault fault)
    {
        _simulator.Accounts.Add(CloudId, fault);
        using var services = LocalClients.Services(LocalClients.LoopbackAllowed);

        var poll = await services.GetRequiredService<EagleLocalClient>().GetInstantaneousDemandAsync(Gateway(), null);

        Assert.True(poll.Outcome.IsReading, poll.Outcome.Detail);
        Assert.InRange(poll.Outcome.Reading.DemandKilowatts, -3.8, -0.2);
        Assert.True(poll.Outcome.Reading.Demand >= 0x8000_0000UL, $"Demand 0x{poll.Outcome.Reading.Demand:x}");
    }

    [Fact]
    public async Task Empty_values_are_a_meter_not_delivering()
    {
        _simulator.Accounts.Add(CloudId, SimulatedFault.NotDelivering);
        using var services = LocalClients.Services(LocalClients.LoopbackAllowed);

        var poll = await services.GetRequiredService<EagleLocalClient>().GetInstantaneousDemandAsync(Gateway(), null);

        Assert.Equal(RelayOutcomeKind.MeterNotDelivering, poll.Outcome.Kind);
        Assert.Null(poll.Outcome.Reading);
    }

    [Fact]
    public async Task A_wrong_install_code_is_rejected_credentials_without_the_code_in_the_detail()
    {
        _simulator.Accounts.Add(CloudId);
        var logs = new FakeLogCollector();
        using var services = LocalClients.Services(LocalClients.LoopbackAllowed, logs: logs);
        const string wrong = "0123456789abcdef";

        var poll = await services.GetRequiredService<EagleLocalClient>().GetInstantaneousDemandAsync(Gateway(wrong), null);

        Assert.Equal(RelayOutcomeKind.CredentialsRejected, poll.Outcome.Kind);
        Assert.Equal(401, poll.Outcome.HttpStatus);
        Assert.DoesNotContain(wrong, poll.Outcome.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(logs.GetSnapshot(), e => e.Message.Contains(wrong, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(SimulatedOutcome.AuthFailed, Assert.Single(_simulator.RequestsFor(CloudId)).Outcome);
    }

    [Fact]
    public async Task An_install_code_set_on_the_account_is_the_one_accepted()
    {
        const string code = "00112233AABBCCDD";
        _simulator.Accounts.Add(CloudId);
        _simulator.Accounts.SetInstallCode(CloudId, code);
        using var services = LocalClients.Services(LocalClients.LoopbackAllowed);
        var client = services.GetRequiredService<EagleLocalClient>();

        Assert.Equal(RelayOutcomeKind.CredentialsRejected, (await client.GetInstantaneousDemandAsync(Gateway(), null)).Outcome.Kind);
        Assert.True((await client.GetInstantaneousDemandAsync(Gateway(code.ToLowerInvariant()), null)).Outcome.IsReading);
    }

    [Fact]
    public async Task A_replaced_meter_is_found_again_in_the_same_poll()
    {
        _simulator.Accounts.Add(CloudId);
        using var services = LocalClients.Services(LocalClients.LoopbackAllowed);
        var client = services.GetRequiredService<EagleLocalClient>();
        var before = await client.GetInstantaneousDemandAsync(Gateway(), null);
        _simulator.Accounts.SetFault(CloudId, SimulatedFault.MeterReplaced);

        var after = await client.GetInstantaneousDemandAsync(Gateway(), before.Meter);

        Assert.True(after.Outcome.IsReading, after.Outcome.Detail);
        Assert.NotEqual(before.Meter, after.Meter);
        Assert.Equal(after.Meter, after.Outcome.Reading.MeterMacId);
        Assert.Equal([SimulatedOutcome.UnknownDevice, SimulatedOutcome.DeviceList, SimulatedOutcome.Reading],
            _simulator.RequestsFor(CloudId).Skip(2).Select(r => r.Outcome));
    }

    [Theory]
    [InlineData(SimulatedFault.Unavailable, RelayOutcomeKind.HttpError)]
    [InlineData(SimulatedFault.Garbage, RelayOutcomeKind.Malformed)]
    [InlineData(SimulatedFault.Truncated, RelayOutcomeKind.Malformed)]
    [InlineData(SimulatedFault.MissingFields, RelayOutcomeKind.Incomplete)]
    public async Task The_relays_faults_apply_to_the_local_api_too(SimulatedFault fault, RelayOutcomeKind kind)
    {
        _simulator.Accounts.Add(CloudId, fault);
        using var services = LocalClients.Services(LocalClients.LoopbackAllowed);

        var poll = await services.GetRequiredService<EagleLocalClient>().GetInstantaneousDemandAsync(Gateway(), null);

        Assert.Equal(kind, poll.Outcome.Kind);
    }

    [Fact]
    public async Task A_hanging_gateway_times_out_within_the_request_timeout()
    {
        _simulator.Accounts.Add(CloudId, SimulatedFault.Hang);
        using var services = LocalClients.Services(LocalClients.LoopbackAllowed, TimeSpan.FromMilliseconds(500));

        var poll = await services.GetRequiredService<EagleLocalClient>().GetInstantaneousDemandAsync(Gateway(), null);

        Assert.Equal(RelayOutcomeKind.Timeout, poll.Outcome.Kind);
    }

    [Fact]
    public async Task Loopback_is_refused_unless_listed_and_nothing_is_sent()
    {
        _simulator.Accounts.Add(CloudId);
        using var services = LocalClients.Services(allowedNetworks: null);

        var poll = await services.GetRequiredService<EagleLocalClient>().GetInstantaneousDemandAsync(Gateway(), null);

        Assert.Equal(RelayOutcomeKind.AddressRefused, poll.Outcome.Kind);
        Assert.Contains("127.0.0.1", poll.Outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_simulator.RequestsFor(CloudId));
    }

    [Fact]
    public async Task A_name_resolving_outside_the_allowed_networks_is_refused_at_connect()
    {
        _simulator.Accounts.Add(CloudId);
        using var services = LocalClients.Services(["10.0.0.0/8"]);
        var byName = new LocalGateway(new UriBuilder(_simulator.BaseUrl) { Host = "localhost" }.Uri, CloudId, SimulatedAccount.DefaultInstallCode(CloudId));

        var poll = await services.GetRequiredService<EagleLocalClient>().GetInstantaneousDemandAsync(byName, null);

        Assert.Equal(RelayOutcomeKind.AddressRefused, poll.Outcome.Kind);
        Assert.Empty(_simulator.RequestsFor(CloudId));
    }

    [Fact]
    public async Task Cloud_metadata_is_refused_unless_listed()
    {
        using var services = LocalClients.Services(allowedNetworks: null);
        var metadata = new LocalGateway(new Uri("http://169.254.169.254/"), CloudId, SimulatedAccount.DefaultInstallCode(CloudId));

        var poll = await services.GetRequiredService<EagleLocalClient>().GetInstantaneousDemandAsync(metadata, null);

        Assert.Equal(RelayOutcomeKind.AddressRefused, poll.Outcome.Kind);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("192.168.1.20", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.31.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("fd00::20", true)]
    [InlineData("::ffff:192.168.1.20", true)]
    [InlineData("::ffff:127.0.0.1", false)]
    public void The_default_networks_are_the_private_ranges_only(string address, bool allowed)
    {
        var networks = new GatewayNetworks(LocalSourceOptions.DefaultAllowedNetworks);

        Assert.Equal(allowed, networks.IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_bad_cidr_stops_the_start_naming_the_key()
    {
        using var services = LocalClients.Services(["192.168.0.0/33"]);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LocalSourceOptions>>().Value);
        Assert.Contains("Rainforest:Sources:Local:AllowedNetworks:0", error.Message, StringComparison.Ordinal);
    }
}

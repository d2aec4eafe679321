using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rainforest.Domain.Descriptors;
using Rainforest.Eagle.Local;
using Rainforest.Simulator;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;

namespace Rainforest.Eagle.Tests;

/// <summary>Gateway connections beyond the descriptor budget are refused with a reason, before a socket is made.</summary>
public sealed class ConnectionBudgetTests : IAsyncLifetime
{
    private const string CloudId = "00b0d9";
    private GatewaySimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await GatewaySimulator.StartAsync(new SimulatorOptions());

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task A_relay_request_that_finds_every_connection_busy_for_half_its_timeout_is_refused_as_connections_busy()
    {
        _simulator.Accounts.Add(CloudId, "user@example.com", "pw", SimulatedFault.Slow, TimeSpan.FromSeconds(3));
        var budget = Budget(connections: 1);
        using var services = Services(budget, requestTimeout: TimeSpan.FromSeconds(2));
        var relay = services.GetRequiredService<EagleRelayClient>();
        var credentials = new EagleCredentials(CloudId, "user@example.com", "pw");

        var holding = relay.GetInstantaneousDemandAsync(credentials);
        var refused = await relay.GetInstantaneousDemandAsync(credentials);

        Assert.Equal(RelayOutcomeKind.ConnectionsBusy, refused.Kind);
        Assert.Contains("all 1 relay connections", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(RelayOutcomeKind.Timeout, (await holding).Kind);
        Assert.Equal(1, _simulator.Stats.Requests);
        Assert.True(budget.Connections.InUse <= 1);
    }

    [Fact]
    public async Task A_local_gateway_that_needs_a_connection_when_none_is_left_is_refused_as_connections_busy()
    {
        _simulator.Accounts.Add(CloudId);
        var budget = Budget(connections: 1);
        using var services = Services(budget, requestTimeout: TimeSpan.FromSeconds(5));
        var local = services.GetRequiredService<EagleLocalClient>();
        var installCode = SimulatedAccount.DefaultInstallCode(CloudId);

        var first = await local.GetInstantaneousDemandAsync(new LocalGateway(_simulator.BaseUrl, CloudId, installCode), meter: null);
        // Another host name is another server: its pool needs a socket of its own, and the one slot is held.
        var other = new UriBuilder(_simulator.BaseUrl) { Host = "127.0.0.2" }.Uri;
        var second = await local.GetInstantaneousDemandAsync(new LocalGateway(other, CloudId, installCode), meter: null);

        Assert.True(first.Outcome.IsReading, first.Outcome.Detail);
        Assert.Equal(1, budget.Connections.InUse);
        Assert.Equal(RelayOutcomeKind.ConnectionsBusy, second.Outcome.Kind);
        Assert.Contains("Rainforest:Descriptors", second.Outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(1, budget.Connections.Refused);
    }

    private static DescriptorBudget Budget(int connections) =>
        new(new DescriptorPlan(Limit: 1024, OpenAtStart: 0, Reserve: 0, Spare: 1024, TransientFiles: 0, Connections: connections, HourFiles: 1));

    private ServiceProvider Services(DescriptorBudget budget, TimeSpan requestTimeout)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rainforest:Eagle:CloudUrl"] = _simulator.RelayUrl.ToString(),
            ["Rainforest:Eagle:RequestTimeout"] = requestTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Rainforest:Sources:Local:AllowedNetworks:0"] = "127.0.0.0/8",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(budget);
        services.AddEagleRelayClient(configuration);
        services.AddEagleLocalClient(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

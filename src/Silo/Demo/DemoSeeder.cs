using Rainforest.Simulator;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;

namespace Rainforest.Silo.Demo;

/// <summary>Registers the demo users once the silo is up: healthy ones, and one of each common fault.</summary>
public sealed class DemoSeeder(
    IGrainFactory grains, GatewaySimulator simulator, DemoOptions options,
    IHostApplicationLifetime lifetime, IServer server, ILogger<DemoSeeder> logger) : BackgroundService
{
    private static readonly SimulatedFault[] Faults =
        [SimulatedFault.WrongCredentials, SimulatedFault.Unavailable, SimulatedFault.Hang, SimulatedFault.Truncated];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        for (var i = 1; i <= options.Users; i++)
        {
            var cloudId = i.ToString("x6");
            var faultIndex = options.Users - i;
            if (faultIndex < Faults.Length) simulator.Accounts.SetFault(cloudId, Faults[faultIndex], null);
            await grains.GetGrain<IUserGrain>(cloudId).RegisterAsync(
                new UserRegistration(SimulatedAccount.DefaultUser(cloudId), SimulatedAccount.DefaultPassword(cloudId)));
        }

        var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses;
        logger.LogInformation(
            "Demo: {Users} users registered against the simulator at {Relay}; API and dashboard at {Addresses} (dashboard: /dashboard)",
            options.Users, simulator.RelayUrl, string.Join(", ", addresses ?? []));
    }
}

using Microsoft.AspNetCore.Hosting.Server.Features;
using Rainforest.Api.Endpoints;
using Rainforest.Api.Security;
using Rainforest.Simulator;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;

namespace Rainforest.Silo.Demo;

/// <summary>
/// Registers the demo users once the silo is up: relay users (healthy ones, and one of each common fault), then
/// a couple of local users asking the simulator's EAGLE-200 local API and a couple of push users whose simulated
/// gateways upload to this silo, so all three sources show side by side.
/// </summary>
public sealed class DemoSeeder(
    IGrainFactory grains, GatewaySimulator simulator, DemoOptions options,
    IHostApplicationLifetime lifetime, IServer server, ILogger<DemoSeeder> logger) : BackgroundService
{
    private const int LocalUsers = 2;
    private const int PushUsers = 2;

    // As often as a relay user is polled, so the three kinds grow alike.
    private static readonly TimeSpan UploadEvery = TimeSpan.FromSeconds(6);

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
            var cloudId = CloudIdOf(i);
            var faultIndex = options.Users - i;
            if (faultIndex < Faults.Length) simulator.Accounts.SetFault(cloudId, Faults[faultIndex], null);
            await grains.GetGrain<IUserGrain>(cloudId).RegisterAsync(
                new UserRegistration(SimulatedAccount.DefaultUser(cloudId), SimulatedAccount.DefaultPassword(cloudId)));
        }

        for (var i = options.Users + 1; i <= options.Users + LocalUsers; i++)
        {
            var cloudId = CloudIdOf(i);
            await grains.GetGrain<IUserGrain>(cloudId).RegisterAsync(
                UserRegistration.Local(simulator.BaseUrl.ToString(), SimulatedAccount.DefaultInstallCode(cloudId)));
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var self = SelfAddress(addresses);
        for (var i = options.Users + LocalUsers + 1; i <= options.Users + LocalUsers + PushUsers; i++)
        {
            var cloudId = CloudIdOf(i);
            // As the create route does: the secret stays in this process, the cluster keeps only its hash. A new URL
            // each start, since a restarted demo (on Redis) keeps its users but not the secrets its gateways knew.
            var secret = UploadSecret.Generate();
            await grains.GetGrain<IUserGrain>(cloudId).RegisterAsync(
                UserRegistration.Push(UploadSecret.HashKey(UploadSecret.Hash(secret)), newUploadUrl: true));
            var uploadUrl = new Uri(self, UploaderEndpoints.Route.Replace("{secret}", secret, StringComparison.Ordinal));
            simulator.Uploaders.Start(cloudId, uploadUrl, UploadEvery);
        }

        logger.LogInformation(
            "Demo: {Users} relay, {Local} local and {Push} push users against the simulator at {Simulator}; API and dashboard at {Addresses} (dashboard: /dashboard)",
            options.Users, LocalUsers, PushUsers, simulator.BaseUrl, string.Join(", ", addresses));
    }

    // The simulated gateways upload from this machine: a wildcard listen address is reached on loopback.
    private static Uri SelfAddress(ICollection<string> addresses)
    {
        var listen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.First();
        var wildcard = listen.Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal);
        var uri = new UriBuilder(wildcard);
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "127.0.0.1";
        return uri.Uri;
    }

    private static string CloudIdOf(int i) => i.ToString("x6");
}

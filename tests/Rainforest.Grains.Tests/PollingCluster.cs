using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;
using Rainforest.Contracts;
using Rainforest.Grains.Hosting;
using Rainforest.Simulator;
using Rainforest.Testing;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;

namespace Rainforest.Grains.Tests;

/// <summary>
/// An in-process Orleans cluster whose grains run on a fake clock and poll a real simulator over a loopback
/// socket; the simulator shares the fake clock, so "the gateway takes 2 s" means 2 s of fake time.
/// </summary>
public sealed class PollingCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);

    private PollingCluster(FakeTimeProvider clock, GatewaySimulator simulator, InProcessTestCluster cluster, string logs, FakeLogCollector logCapture)
    {
        Clock = clock;
        Simulator = simulator;
        Cluster = cluster;
        LogsDirectory = logs;
        Logs = logCapture;
    }

    private readonly List<string> _users = [];

    public FakeTimeProvider Clock { get; }
    public GatewaySimulator Simulator { get; }
    public InProcessTestCluster Cluster { get; }
    public string LogsDirectory { get; }

    /// <summary>Every log entry the silos wrote at Information or above.</summary>
    public FakeLogCollector Logs { get; }
    public IGrainFactory Grains => Cluster.Client;

    /// <param name="settings">Configuration on top of the defaults (e.g. <c>Rainforest:Logs:SkipRepeats</c>).</param>
    /// <param name="configureSilo">Runs after the defaults, so it can replace a service (e.g. the <c>Users</c> storage).</param>
    public static async Task<PollingCluster> StartAsync(DateTimeOffset? start = null, int silos = 1,
        IReadOnlyDictionary<string, string?>? settings = null, Action<ISiloBuilder>? configureSilo = null)
    {
        var clock = new FakeTimeProvider(start ?? Start) { AutoAdvanceAmount = TimeSpan.Zero };
        var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { TimeProvider = clock });
        var logs = Path.Combine(Path.GetTempPath(), "rainforest-grains-" + Guid.NewGuid().ToString("n"));
        var values = new Dictionary<string, string?>
        {
            ["Rainforest:Eagle:CloudUrl"] = simulator.RelayUrl.ToString(),
            ["Rainforest:Eagle:RequestTimeout"] = "00:00:05",
            ["Rainforest:Logs:Directory"] = logs,
            // The simulator is on loopback, which local gateways may reach only when it is listed.
            ["Rainforest:Sources:Local:AllowedNetworks:0"] = "127.0.0.0/8",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logCapture = FakeLogCollector.Create(new FakeLogCollectorOptions
        {
            FilteredLevels = { LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical },
        });

        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddRainforestPolling(configuration);
            silo.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logCapture));
            silo.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.AddMemoryGrainStorage("Users");
            silo.UseInMemoryReminderService();
            configureSilo?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PollingCluster(clock, simulator, cluster, logs, logCapture);
    }

    /// <summary>Registers a user with the simulator's default credentials for that account.</summary>
    public async Task RegisterAsync(string cloudId, SimulatedFault fault = SimulatedFault.None, TimeSpan? delay = null)
    {
        _users.Add(cloudId);
        Simulator.Accounts.Add(cloudId, fault, delay);
        var result = await Grains.GetGrain<IUserGrain>(cloudId).RegisterAsync(
            new UserRegistration(SimulatedAccount.DefaultUser(cloudId), SimulatedAccount.DefaultPassword(cloudId)));
        Assert.Equal(RegistrationResult.Created, result);
    }

    /// <summary>Registers a local-API user at the simulator with the account's default install code.</summary>
    public async Task RegisterLocalAsync(string cloudId, SimulatedFault fault = SimulatedFault.None, string? installCode = null)
    {
        _users.Add(cloudId);
        Simulator.Accounts.Add(cloudId, fault);
        var result = await Grains.GetGrain<IUserGrain>(cloudId).RegisterAsync(
            UserRegistration.Local(Simulator.BaseUrl.ToString(), installCode ?? SimulatedAccount.DefaultInstallCode(cloudId)));
        Assert.Equal(RegistrationResult.Created, result);
    }

    /// <summary>Moves the fake clock forward to <paramref name="when"/> in small steps, so each timer re-arms in turn.</summary>
    public async Task AdvanceToAsync(DateTimeOffset when)
    {
        while (Clock.GetUtcNow() < when)
        {
            var step = when - Clock.GetUtcNow();
            Clock.Advance(step < TimeSpan.FromMilliseconds(250) ? step : TimeSpan.FromMilliseconds(250));
            await Task.Yield();
        }
    }

    public async Task<UserSnapshot> UserAsync(string cloudId) =>
        await Grains.GetGrain<IUserGrain>(cloudId).GetAsync() ?? throw new InvalidOperationException($"{cloudId} is not registered");

    /// <summary>
    /// Moves the clock to <paramref name="when"/>, waits for the gateway to see the user's next request, and returns
    /// the user once that tick has finished (a grain call cannot interleave with the tick, so it waits for it).
    /// </summary>
    public async Task<UserSnapshot> PollAtAsync(string cloudId, DateTimeOffset when)
    {
        var before = RequestTimes(cloudId).Count;
        await AdvanceToAsync(when);
        await Eventually.Until(() => RequestTimes(cloudId).Count > before, TimeSpan.FromSeconds(15),
            $"a request for {cloudId} at {when:O}; seen {string.Join(", ", RequestTimes(cloudId).Select(t => t.ToString("O")))}");
        return await UserAsync(cloudId);
    }

    public IReadOnlyList<DateTimeOffset> RequestTimes(string cloudId) => Simulator.RequestsFor(cloudId)
        .Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedUnixMs)).ToList();

    public string HourFile(string cloudId, DateTimeOffset hour) => Domain.HourFiles.HourFileLayout.LocalPath(LogsDirectory, cloudId, hour);

    public string[] Lines(string cloudId, DateTimeOffset hour)
    {
        var path = HourFile(cloudId, hour);
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    public async ValueTask DisposeAsync()
    {
        // Users persist their counters when deactivated; done while the cluster is whole, that is instant, whereas
        // during shutdown the write can wait for the storage grain until the call times out (30 s).
        foreach (var id in _users) await Cluster.DeactivateAsync(Grains.GetGrain<IUserGrain>(id));
        await Cluster.DisposeAsync();
        await Simulator.DisposeAsync();
        try
        {
            Directory.Delete(LogsDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

using Rainforest.Security.Tests.Fixtures;
using Rainforest.Simulator.Faults;

namespace Rainforest.Security.Tests.Isolation;

/// <summary>
/// One silo polling 100 healthy users and 100 whose gateways hang, answer 503 or send garbage (a third each),
/// plus one user of each other fault; all registered over HTTP. The fixture waits until every healthy user has
/// been polled a few times after a settling period, so the tests look at a system in its steady state.
/// </summary>
public sealed class FaultyFleet : IAsyncLifetime
{
    public const int HealthyCount = 100;
    public const int FaultyCount = 100;
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(6);

    /// <summary>One user for each fault the isolation set does not already cover.</summary>
    public static readonly IReadOnlyDictionary<string, SimulatedFault> Singles = new Dictionary<string, SimulatedFault>
    {
        ["0f0001"] = SimulatedFault.WrongCredentials,
        ["0f0002"] = SimulatedFault.MissingFields,
        ["0f0003"] = SimulatedFault.Backwards,
        ["0f0004"] = SimulatedFault.Repeat,
        ["0f0005"] = SimulatedFault.Truncated,
    };

    private readonly TestRoot _root = new("fleet");

    public GatewaySimulator Simulator { get; private set; } = null!;
    public SiloProcess Silo { get; private set; } = null!;

    public IReadOnlyList<string> Healthy { get; } = Enumerable.Range(0x0e0001, HealthyCount).Select(i => i.ToString("x6")).ToList();

    /// <summary>The isolation set's users by fault: hang, 503, garbage.</summary>
    public IReadOnlyDictionary<string, SimulatedFault> Faulty { get; } = Enumerable.Range(0x0e1001, FaultyCount)
        .ToDictionary(i => i.ToString("x6"), i => (i % 3) switch
        {
            0 => SimulatedFault.Hang,
            1 => SimulatedFault.Unavailable,
            _ => SimulatedFault.Garbage,
        });

    /// <summary>When the first user was registered.</summary>
    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>When the measured window began: registration done and every user past its first polls.</summary>
    public DateTimeOffset WindowStart { get; private set; }

    public DateTimeOffset WindowEnd { get; private set; }

    public async Task InitializeAsync()
    {
        Simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true });
        foreach (var (id, fault) in Faulty.Concat(Singles)) Simulator.Accounts.SetFault(id, fault);
        Silo = SecuritySilo.Create(_root.Path, "silo", new Dictionary<string, string>
        {
            ["Rainforest:Eagle:CloudUrl"] = Simulator.RelayUrl.ToString(),
            ["Rainforest:Api:RequestsPerMinutePerKey"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await Silo.StartAsync();

        using var api = Silo.CreateClient();
        RegisteredAt = DateTimeOffset.UtcNow;
        var everyone = Healthy.Concat(Faulty.Keys).Concat(Singles.Keys).ToList();
        await Parallel.ForEachAsync(everyone, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            var response = await api.PostAsync($"/api/users/{id}", Json.SimulatedUser(id), ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        });

        // Two periods to settle (first polls, first failures and time-outs), then a window of five periods.
        WindowStart = DateTimeOffset.UtcNow + 2 * Period;
        WindowEnd = WindowStart + 5 * Period;
        await Eventually.Until(() => Healthy.All(id => PolledAfter(id, WindowEnd)), TimeSpan.FromSeconds(90),
            "every healthy user polled after the measured window");
    }

    /// <summary>The gateway's receive times of this user's requests within the measured window.</summary>
    public IReadOnlyList<DateTimeOffset> RequestsInWindow(string id) => Simulator.RequestsFor(id)
        .Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedUnixMs))
        .Where(t => t >= WindowStart && t < WindowEnd)
        .ToList();

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Simulator.DisposeAsync();
        _root.Dispose();
    }

    private bool PolledAfter(string id, DateTimeOffset when) =>
        Simulator.RequestsFor(id) is { Count: > 0 } requests && requests[^1].ReceivedUnixMs >= when.ToUnixTimeMilliseconds();
}

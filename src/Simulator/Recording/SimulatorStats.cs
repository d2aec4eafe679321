namespace Rainforest.Simulator.Recording;

/// <summary>Live totals over all relay requests; every property reads the current value.</summary>
public sealed class SimulatorStats
{
    private readonly long[] byOutcome = new long[Enum.GetValues<SimulatedOutcome>().Length];
    private long requests;
    private long inFlight;
    private long accountsSeen;
    private int maxConcurrentPerAccount;

    /// <summary>Relay requests received (answered or not).</summary>
    public long Requests => Volatile.Read(ref requests);

    /// <summary>Relay requests being served right now.</summary>
    public long InFlight => Volatile.Read(ref inFlight);

    /// <summary>Accounts that have received at least one relay request.</summary>
    public long AccountsSeen => Volatile.Read(ref accountsSeen);

    /// <summary>The most requests ever in flight at once for a single account (1 = clients never overlapped).</summary>
    public int MaxConcurrentPerAccount => Volatile.Read(ref maxConcurrentPerAccount);

    public long Count(SimulatedOutcome outcome) => Volatile.Read(ref byOutcome[(int)outcome]);

    /// <summary>Finished requests by outcome (in-flight ones are not here yet).</summary>
    public IReadOnlyDictionary<SimulatedOutcome, long> ByOutcome =>
        Enum.GetValues<SimulatedOutcome>()
            .Where(o => o != SimulatedOutcome.Pending)
            .ToDictionary(o => o, Count);

    internal void Started() { Interlocked.Increment(ref requests); Interlocked.Increment(ref inFlight); }

    internal void Finished(SimulatedOutcome outcome)
    {
        Interlocked.Decrement(ref inFlight);
        Interlocked.Increment(ref byOutcome[(int)outcome]);
    }

    internal void AccountSeen() => Interlocked.Increment(ref accountsSeen);

    internal void ObserveConcurrency(int concurrent)
    {
        var current = Volatile.Read(ref maxConcurrentPerAccount);
        while (concurrent > current)
        {
            var seen = Interlocked.CompareExchange(ref maxConcurrentPerAccount, concurrent, current);
            if (seen == current) return;
            current = seen;
        }
    }
}

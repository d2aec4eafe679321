using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Recording;
using Rainforest.Simulator.Relay;
namespace Rainforest.Simulator.Accounts;

/// <summary>
/// Everything the simulator keeps for one Cloud ID: settings, traffic counters, the request log and the
/// meter. Kept small; the log and the meter are only allocated once requests arrive.
/// </summary>
internal sealed class AccountState(string cloudId, AccountSettings? settings, int logCapacity)
{
    private readonly Lock gate = new();
    private AccountSettings? settings = settings;
    private long sequence;
    private int inFlight;
    private int maxConcurrent;
    private RequestRing? ring;
    private SimulatedMeter? meter;
    private RenderedReply? rendered;

    public string CloudId { get; } = cloudId;

    /// <summary>Null once the account was removed: requests then fail authentication but are still logged.</summary>
    public AccountSettings? Settings
    {
        get => Volatile.Read(ref settings);
        set => Volatile.Write(ref settings, value);
    }

    public bool TryReplaceSettings(AccountSettings expected, AccountSettings? updated) =>
        Interlocked.CompareExchange(ref settings, updated, expected) == expected;

    public RequestTicket Begin(long receivedUnixMs, SimulatorStats stats)
    {
        long seq;
        int concurrent;
        var current = Settings;
        lock (gate)
        {
            seq = sequence++;
            concurrent = ++inFlight;
            if (concurrent > maxConcurrent) maxConcurrent = concurrent;
            if (logCapacity > 0)
            {
                (ring ??= new RequestRing(logCapacity)).Add(seq, receivedUnixMs, current?.Fault ?? SimulatedFault.None);
            }
        }
        if (seq == 0) stats.AccountSeen();
        stats.ObserveConcurrency(concurrent);
        return new RequestTicket(seq, current);
    }

    public void End(long seq, SimulatedOutcome outcome, long endedUnixMs)
    {
        lock (gate)
        {
            inFlight--;
            ring?.Complete(seq, outcome, endedUnixMs);
        }
    }

    public SummationReading Summation(DateTimeOffset now)
    {
        lock (gate)
        {
            return (meter ??= new SimulatedMeter(CloudId)).Summation(now);
        }
    }

    public PriceReading Price(DateTimeOffset now)
    {
        lock (gate)
        {
            return (meter ??= new SimulatedMeter(CloudId)).Price(now);
        }
    }

    public DemandReading NextReading(SimulatedFault fault, long seq, DateTimeOffset now)
    {
        lock (gate)
        {
            return (meter ??= new SimulatedMeter(CloudId)).Next(fault, seq, now);
        }
    }

    /// <summary>
    /// Lean mode: the reply rendered for <paramref name="slot"/> in this format, rendered by the first request of the
    /// slot (as that request would be answered without lean mode) and reused by the rest without allocating.
    /// </summary>
    public byte[] RenderedReply(long slot, bool json, long seq, DateTimeOffset now, Func<DemandReading, bool, byte[]> render)
    {
        var current = Volatile.Read(ref rendered);
        if (current is not null && current.Slot == slot && current.Json == json) return current.Bytes;
        var fresh = new RenderedReply(slot, json, render(NextReading(SimulatedFault.None, seq, now), json));
        // Two first requests of a slot at once: one reply wins, and both answers are correct readings.
        Volatile.Write(ref rendered, fresh);
        return fresh.Bytes;
    }

    /// <summary>The gateway's own MAC and its meter's, as the local API's device_list and device_query name them.</summary>
    public (ulong Gateway, ulong Meter) MacIds()
    {
        lock (gate)
        {
            meter ??= new SimulatedMeter(CloudId);
            return (meter.DeviceMacId, meter.MeterMacId);
        }
    }

    public IReadOnlyList<SimulatedRequest> Requests()
    {
        lock (gate)
        {
            return ring?.Snapshot(sequence) ?? [];
        }
    }

    public SimulatedAccount? Snapshot()
    {
        var current = Settings;
        if (current is null) return null;
        lock (gate)
        {
            return new SimulatedAccount(
                CloudId, current.UserFor(CloudId), current.PasswordFor(CloudId), current.Fault, current.Delay,
                current.Configured, sequence, inFlight, maxConcurrent, current.InstallCodeFor(CloudId));
        }
    }
}

/// <summary>One lean reply: its slot, its format and its bytes.</summary>
internal sealed record RenderedReply(long Slot, bool Json, byte[] Bytes);

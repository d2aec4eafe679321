using Rainforest.Simulator.Faults;
namespace Rainforest.Simulator.Recording;

/// <summary>
/// The last <c>capacity</c> requests of one account, in arrival order. Starts tiny and doubles, so idle
/// or short-lived accounts cost little. Not thread-safe: the owning account serialises access.
/// </summary>
internal sealed class RequestRing(int capacity)
{
    private const int InitialSize = 8;
    private RequestEntry[] entries = new RequestEntry[Math.Min(capacity, InitialSize)];

    public void Add(long sequence, long receivedUnixMs, SimulatedFault fault)
    {
        if (sequence >= entries.Length && entries.Length < capacity)
        {
            // Before the ring first wraps, slot == sequence, so growing is a plain copy.
            Array.Resize(ref entries, Math.Min(capacity, entries.Length * 2));
        }
        entries[sequence % entries.Length] = new RequestEntry
        {
            Sequence = sequence,
            ReceivedUnixMs = receivedUnixMs,
            DurationMs = 0,
            Outcome = SimulatedOutcome.Pending,
            Fault = fault,
        };
    }

    public void Complete(long sequence, SimulatedOutcome outcome, long endedUnixMs)
    {
        ref var entry = ref entries[sequence % entries.Length];
        if (entry.Sequence != sequence) return; // overwritten while it was in flight
        entry.Outcome = outcome;
        entry.DurationMs = (int)Math.Clamp(endedUnixMs - entry.ReceivedUnixMs, 0, int.MaxValue);
    }

    public List<SimulatedRequest> Snapshot(long nextSequence)
    {
        var first = Math.Max(0, nextSequence - entries.Length);
        var list = new List<SimulatedRequest>((int)(nextSequence - first));
        for (var s = first; s < nextSequence; s++)
        {
            var entry = entries[s % entries.Length];
            if (entry.Sequence == s) list.Add(entry.ToPublic());
        }
        return list;
    }
}

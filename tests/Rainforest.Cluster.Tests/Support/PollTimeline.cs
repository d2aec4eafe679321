using Rainforest.Grains.Polling;

namespace Rainforest.Cluster.Tests.Support;

/// <summary>
/// One user's polls as the gateway simulator received them, laid on the user's fixed-rate schedule: which slot
/// each poll served, slots served twice, and the longest gap.
/// </summary>
public sealed class PollTimeline
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(6);

    private readonly PollSchedule _schedule;

    private PollTimeline(string cloudId, IReadOnlyList<DateTimeOffset> received)
    {
        CloudId = cloudId;
        Received = received;
        _schedule = new PollSchedule(cloudId, Period);
        Slots = received.Select(SlotOf).ToList();
    }

    public string CloudId { get; }
    public IReadOnlyList<DateTimeOffset> Received { get; }

    /// <summary>The slot each poll served: the nearest one on the schedule (a poll arrives a little after its slot).</summary>
    public IReadOnlyList<DateTimeOffset> Slots { get; }

    public static PollTimeline Of(GatewaySimulator simulator, string cloudId) => new(cloudId,
        simulator.RequestsFor(cloudId).Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedUnixMs)).Order().ToList());

    public IReadOnlyList<DateTimeOffset> SlotsPolledTwice => Slots.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

    public int CountAfter(DateTimeOffset time) => Received.Count(r => r > time);

    public DateTimeOffset? FirstAfter(DateTimeOffset time) => Received.Where(r => r > time).Cast<DateTimeOffset?>().FirstOrDefault();

    /// <summary>The longest time between two consecutive polls.</summary>
    public TimeSpan LongestGap => Received.Zip(Received.Skip(1), (a, b) => b - a).DefaultIfEmpty().Max();

    /// <summary>The most slots between two consecutive polls (1 = none missed, 2 = one missed).</summary>
    public int LongestSlotStep => (int)Slots.Zip(Slots.Skip(1), (a, b) => Math.Round((b - a) / Period)).DefaultIfEmpty().Max();

    private DateTimeOffset SlotOf(DateTimeOffset received) => _schedule.NextSlotAfter(received - Period / 2);

    public override string ToString() => $"{CloudId}: {string.Join(", ", Received.Select(r => r.ToString("HH:mm:ss.fff")))}";
}

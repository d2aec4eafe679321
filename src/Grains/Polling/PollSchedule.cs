using System.Globalization;

namespace Rainforest.Grains.Polling;

/// <summary>
/// A user's fixed-rate grid of poll times: every <c>period</c>, offset by a phase derived from the Cloud ID.
/// The grid is anchored to absolute time, not to when the grain started, so call latency never makes it
/// drift, users are spread evenly over the period, and a user keeps its slots when it moves to another silo.
/// </summary>
public sealed class PollSchedule
{
    private readonly long _periodTicks;
    private readonly long _phaseTicks;

    public PollSchedule(string cloudId, TimeSpan period)
    {
        _periodTicks = period.Ticks;
        // A Cloud ID is a 24-bit number; a multiplicative hash spreads consecutive IDs over the period.
        var id = uint.Parse(cloudId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var spread = unchecked(id * 2654435761u);
        // Whole milliseconds keep the slots readable in logs and comparable with millisecond clocks.
        _phaseTicks = (long)(spread % (ulong)_periodTicks) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
    }

    public TimeSpan Period => TimeSpan.FromTicks(_periodTicks);

    /// <summary>The first slot strictly after <paramref name="now"/>.</summary>
    public DateTimeOffset NextSlotAfter(DateTimeOffset now)
    {
        var sincePhase = now.UtcTicks - _phaseTicks;
        var slots = Math.DivRem(sincePhase, _periodTicks, out _) + 1;
        if (sincePhase < 0) slots = 0;
        return new DateTimeOffset(_phaseTicks + slots * _periodTicks, TimeSpan.Zero);
    }

    /// <summary>The first slot at or after <paramref name="earliest"/>.</summary>
    public DateTimeOffset SlotAtOrAfter(DateTimeOffset earliest) => NextSlotAfter(earliest - TimeSpan.FromTicks(1));
}

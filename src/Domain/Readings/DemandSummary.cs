namespace Rainforest.Domain.Readings;

/// <summary>
/// Folds readings, in time order, into fixed steps (count, mean/min/max kW, energy) while they stream past, so
/// a month of readings summarises in constant memory. Steps without readings are not emitted.
/// </summary>
public sealed class DemandSummary(DateTimeOffset from, TimeSpan step)
{
    public static readonly TimeSpan ShortestStep = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestStep = TimeSpan.FromDays(1);

    /// <summary>The longest time one reading's demand is assumed to hold: ten missed polls.</summary>
    public static readonly TimeSpan LongestHold = TimeSpan.FromMinutes(1);

    /// <summary>The hold of the very last reading, which has no successor: one poll period.</summary>
    public static readonly TimeSpan LastHold = TimeSpan.FromSeconds(6);

    private long _index = -1;
    private int _count;
    private double _sum, _min, _max, _energy;
    private DemandReading? _pending;
    private long _pendingIndex;

    /// <summary>Adds the next reading; returns a finished step when this reading starts a later one.</summary>
    public DemandStep? Add(in DemandReading reading)
    {
        var time = reading.Time;
        if (time < from) return null;
        var index = (time - from).Ticks / step.Ticks;

        // The previous reading's energy is known now that its successor has come.
        if (_pending is { } previous) AddEnergy(previous, Hold(time - previous.Time), _pendingIndex);

        DemandStep? finished = null;
        if (index != _index)
        {
            finished = Flush();
            _index = index;
        }
        var kw = reading.Kilowatts;
        _count++;
        _sum += kw;
        _min = _count == 1 ? kw : Math.Min(_min, kw);
        _max = _count == 1 ? kw : Math.Max(_max, kw);
        _pending = reading;
        _pendingIndex = index;
        return finished;
    }

    /// <summary>The last step, once the readings have run out.</summary>
    public DemandStep? Complete()
    {
        if (_pending is { } last) AddEnergy(last, LastHold, _pendingIndex);
        _pending = null;
        return Flush();
    }

    private static TimeSpan Hold(TimeSpan gap) => gap < TimeSpan.Zero ? TimeSpan.Zero : gap > LongestHold ? LongestHold : gap;

    // A reading's energy belongs to its own step, even when the hold runs past the step's end.
    private void AddEnergy(in DemandReading reading, TimeSpan hold, long index)
    {
        if (index == _index) _energy += reading.Kilowatts * hold.TotalHours;
    }

    private DemandStep? Flush()
    {
        if (_count == 0) return null;
        var done = new DemandStep(from + step * _index, _count, _sum / _count, _min, _max, _energy);
        _count = 0;
        _sum = _min = _max = _energy = 0;
        return done;
    }
}

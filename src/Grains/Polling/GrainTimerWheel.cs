using System.Runtime.ExceptionServices;

namespace Rainforest.Grains.Polling;

/// <summary>
/// The clock of the silo's grain timers: every timer created here waits on one wheel of <see cref="Resolution"/>
/// slots driven by a single timer of the underlying clock, and the timers due in a slot fire together.
/// Each user grain keeps a six-second timer; as runtime timers, tens of thousands of them filled the runtime's
/// timer queue, which is walked under its lock every time any timer fires, and each fired on a thread of its
/// own. Here adding, moving or removing a timer is a constant-time list operation, and the underlying clock holds
/// one timer, armed for the next slot that has any.
/// A timer never fires before its due time and at most one <see cref="Resolution"/> after it (plus the thread
/// pool's delay); callbacks run one after another on the thread that ticks the wheel, so they must be short
/// (Orleans' grain timer callback only queues the tick on the activation).
/// </summary>
public sealed class GrainTimerWheel : TimeProvider, IDisposable
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(4);

    // 4,096 slots of 4 ms cover 16 s, beyond the six-second period: a timer further out stays in its slot for
    // the laps in between and is passed over until its own.
    private const int SlotCount = 4096;

    private readonly TimeProvider _clock;
    private readonly long _start;
    private readonly long _timestampsPerSlot;
    private readonly WheelTimer?[] _slots = new WheelTimer?[SlotCount];
    private readonly Lock _gate = new();
    private readonly ITimer _ticker;
    private long _processed;
    private long _armedFor = long.MaxValue;
    private int _count;
    private bool _disposed;

    /// <param name="clock">The clock the wheel reads and is ticked by (the system clock in a silo).</param>
    public GrainTimerWheel(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _start = clock.GetTimestamp();
        _timestampsPerSlot = Math.Max(1, (long)(Resolution.TotalSeconds * clock.TimestampFrequency));
        using (ExecutionContext.SuppressFlow())
        {
            _ticker = clock.CreateTimer(static self => ((GrainTimerWheel)self!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The silo's grain clock: the wheel over the system clock, or a test's own clock as it is.</summary>
    public static TimeProvider Over(TimeProvider clock) => ReferenceEquals(clock, System) ? new GrainTimerWheel(clock) : clock;

    /// <summary>Timers waiting on the wheel.</summary>
    public int Count => Volatile.Read(ref _count);

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => _clock.LocalTimeZone;

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new WheelTimer(this, callback, state, ExecutionContext.Capture());
        timer.Change(dueTime, period);
        return timer;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Array.Clear(_slots);
            _count = 0;
        }
        _ticker.Dispose();
    }

    private long Now() => (_clock.GetTimestamp() - _start) / _timestampsPerSlot;

    // The first slot whose start is at or after the due time: a timer never fires early.
    private long SlotFor(TimeSpan due)
    {
        var at = _clock.GetTimestamp() - _start + (long)Math.Ceiling(due.TotalSeconds * _clock.TimestampFrequency);
        return (at + _timestampsPerSlot - 1) / _timestampsPerSlot;
    }

    private void Schedule(WheelTimer timer, TimeSpan due)
    {
        var slot = SlotFor(due);
        lock (_gate)
        {
            if (_disposed || timer.Disposed) return;
            Unlink(timer);
            // A slot the wheel has passed already is served by the next tick.
            timer.Slot = Math.Max(slot, _processed + 1);
            Link(timer);
            // Armed under the lock, so two timers scheduled at once cannot leave the ticker set for the later one.
            if (timer.Slot < _armedFor) Arm(timer.Slot);
        }
    }

    private void Cancel(WheelTimer timer)
    {
        lock (_gate) Unlink(timer);
    }

    private void Link(WheelTimer timer)
    {
        ref var head = ref _slots[(int)(timer.Slot % SlotCount)];
        timer.Next = head;
        if (head is not null) head.Previous = timer;
        head = timer;
        timer.Linked = true;
        _count++;
    }

    private void Unlink(WheelTimer timer)
    {
        if (!timer.Linked) return;
        if (timer.Previous is not null) timer.Previous.Next = timer.Next;
        else _slots[(int)(timer.Slot % SlotCount)] = timer.Next;
        if (timer.Next is not null) timer.Next.Previous = timer.Previous;
        timer.Next = timer.Previous = null;
        timer.Linked = false;
        _count--;
    }

    private void Arm(long slot)
    {
        _armedFor = slot;
        var wait = (slot * _timestampsPerSlot) - (_clock.GetTimestamp() - _start);
        var delay = wait <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(wait / (double)_clock.TimestampFrequency);
        try
        {
            // Whole milliseconds, rounded up: the underlying timer must not come back before the slot has begun.
            _ticker.Change(TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds)), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Tick()
    {
        WheelTimer? due = null;
        lock (_gate)
        {
            if (_disposed) return;
            var now = Now();
            // After a stall longer than a lap every slot is visited once; each timer fires only if its own slot has come.
            for (var slot = Math.Max(_processed + 1, now - SlotCount + 1); slot <= now; slot++)
            {
                var timer = _slots[(int)(slot % SlotCount)];
                while (timer is not null)
                {
                    var following = timer.Next;
                    if (timer.Slot <= now)
                    {
                        Unlink(timer);
                        timer.NextDue = due;
                        due = timer;
                    }
                    timer = following;
                }
            }
            _processed = Math.Max(_processed, now);
            var next = NextOccupiedSlot();
            if (next == long.MaxValue) _armedFor = long.MaxValue;
            else Arm(next);
        }

        // Fired outside the lock, so a callback may change or dispose its own timer (or another). One that throws
        // does not cost the others their tick; the first exception is rethrown once all have fired, as a timer's would be.
        ExceptionDispatchInfo? failure = null;
        for (var timer = Reverse(due); timer is not null;)
        {
            var following = timer.NextDue;
            timer.NextDue = null;
            try
            {
                timer.Fire();
            }
            catch (Exception ex)
            {
                failure ??= ExceptionDispatchInfo.Capture(ex);
            }
            timer = following;
        }
        failure?.Throw();
    }

    // Due timers were gathered newest first; firing them in slot order keeps earlier timers first.
    private static WheelTimer? Reverse(WheelTimer? list)
    {
        WheelTimer? reversed = null;
        while (list is not null)
        {
            var following = list.NextDue;
            list.NextDue = reversed;
            reversed = list;
            list = following;
        }
        return reversed;
    }

    private long NextOccupiedSlot()
    {
        if (_count == 0) return long.MaxValue;
        for (var slot = _processed + 1; slot <= _processed + SlotCount; slot++)
        {
            if (_slots[(int)(slot % SlotCount)] is not null) return slot;
        }
        return long.MaxValue;
    }

    private sealed class WheelTimer(GrainTimerWheel wheel, TimerCallback callback, object? state, ExecutionContext? context) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public WheelTimer? Next;
        public WheelTimer? Previous;
        // The list of a tick's due timers, apart from the slot links: a timer changed while it waits to fire keeps it.
        public WheelTimer? NextDue;
        public long Slot;
        public volatile bool Linked;
        public volatile bool Disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime < Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(dueTime));
            if (period < Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(period));
            if (Disposed) return false;
            _period = period == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period;
            if (dueTime == Timeout.InfiniteTimeSpan) wheel.Cancel(this);
            else wheel.Schedule(this, dueTime);
            return true;
        }

        public void Fire()
        {
            // Changed or disposed since the tick gathered it: its new due time (if any) is what counts.
            if (Disposed || Linked) return;
            if (_period != Timeout.InfiniteTimeSpan) wheel.Schedule(this, _period);
            if (context is null) callback(state);
            else ExecutionContext.Run(context, static self => ((WheelTimer)self!).Invoke(), this);
        }

        private void Invoke() => callback(state);

        public void Dispose()
        {
            Disposed = true;
            wheel.Cancel(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

namespace Rainforest.Eagle;

/// <summary>
/// Ends gateway requests whose time is up from one shared timer, instead of a timer of their own. A timer per
/// request (CancelAfter) adds and removes an entry in the runtime's timer queue under its lock on every poll; with
/// thousands of users that lock, which the grains' own poll timers also take, is where polling threads queued up.
/// Here a request joins a slot of a wheel (no lock, no timer) and a tick every <see cref="Resolution"/> cancels the
/// slots that have passed. A request is ended at most two resolutions before its timeout, never after it, so the
/// timeout stays below the poll period. Timeouts shorter than a few resolutions keep a timer of their own.
/// </summary>
public sealed class RequestDeadlines
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(25);

    // Covers the longest timeout allowed (EagleRelayOptions.MaxRequestTimeout) with room to spare; set before Shared is built.
    private static readonly int SlotCount = (int)(EagleRelayOptions.MaxRequestTimeout / Resolution) + 8;

    /// <summary>The process's wheel: like the runtime's timer queue, one serves every client.</summary>
    public static RequestDeadlines Shared { get; } = new(TimeProvider.System);

    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly Budget?[] _slots = new Budget?[SlotCount];
    private readonly ITimer _ticker;
    private long _nextSlot;
    private int _pending;
    private int _ticking;

    public RequestDeadlines(TimeProvider time)
    {
        _time = time;
        _start = time.GetTimestamp();
        _ticker = time.CreateTimer(static self => ((RequestDeadlines)self!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A budget of <paramref name="timeout"/> for one request, also ended when <paramref name="caller"/> is cancelled.</summary>
    public Budget Start(TimeSpan timeout, CancellationToken caller)
    {
        var source = caller.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(caller) : new CancellationTokenSource();
        if (timeout < 4 * Resolution || timeout > EagleRelayOptions.MaxRequestTimeout)
        {
            source.CancelAfter(timeout);
            return new Budget(this, source, onWheel: false);
        }

        // Two slots early: the slot is cancelled by the first tick after it has passed, so never after the timeout.
        var budget = new Budget(this, source, onWheel: true) { Slot = SlotOf(_time.GetElapsedTime(_start) + timeout) - 2 };
        Push(budget);

        if (Interlocked.Increment(ref _pending) == 1 || Volatile.Read(ref _ticking) == 0) StartTicking();
        return budget;
    }

    private void Push(Budget budget)
    {
        var index = (int)(budget.Slot % SlotCount);
        Budget? head;
        do
        {
            head = Volatile.Read(ref _slots[index]);
            budget.Next = head;
        }
        while (Interlocked.CompareExchange(ref _slots[index], budget, head) != head);
    }

    private static long SlotOf(TimeSpan sinceStart) => sinceStart.Ticks / Resolution.Ticks;

    private void StartTicking()
    {
        if (Interlocked.Exchange(ref _ticking, 1) == 0)
        {
            _ticker.Change(Resolution, Resolution);
        }
    }

    // Cancels every budget in the slots that have fully passed; budgets already done are dropped.
    private void Tick()
    {
        var current = SlotOf(_time.GetElapsedTime(_start));
        long next;
        lock (_slots)
        {
            next = _nextSlot;
            _nextSlot = Math.Max(next, current);
        }
        // After a quiet spell longer than a lap (the timer stops while nothing is pending) the passed slots wrap round
        // the wheel and share indexes with budgets still to come: each index is visited at most once, and a budget
        // is ended only when its own slot has passed.
        for (var slot = Math.Max(next, current - SlotCount); slot < current; slot++)
        {
            var budget = Interlocked.Exchange(ref _slots[(int)(slot % SlotCount)], null);
            while (budget is not null)
            {
                var following = budget.Next;
                budget.Next = null;
                if (budget.Slot < current) budget.Expire();
                else if (budget.IsRunning) Push(budget);
                budget = following;
            }
        }

        if (Volatile.Read(ref _pending) == 0 && Interlocked.Exchange(ref _ticking, 0) == 1)
        {
            _ticker.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            // A request that joined while the ticker was being stopped starts it again.
            if (Volatile.Read(ref _pending) > 0) StartTicking();
        }
    }

    /// <summary>One request's time: its token is cancelled when the time is up or the caller cancels.</summary>
    public sealed class Budget : IDisposable
    {
        private const int Running = 0;
        private const int Finished = 1;
        private const int Expired = 2;

        private readonly RequestDeadlines _wheel;
        private readonly CancellationTokenSource _source;
        private readonly bool _onWheel;
        private int _state;

        internal Budget(RequestDeadlines wheel, CancellationTokenSource source, bool onWheel)
        {
            _wheel = wheel;
            _source = source;
            _onWheel = onWheel;
        }

        internal Budget? Next { get; set; }

        // The wheel slot whose passing ends this budget.
        internal long Slot { get; init; }

        internal bool IsRunning => Volatile.Read(ref _state) == Running;

        public CancellationToken Token => _source.Token;

        /// <summary>True once the request's time is up or the caller cancelled.</summary>
        public bool IsCancellationRequested => _source.IsCancellationRequested;

        internal void Expire()
        {
            if (Interlocked.CompareExchange(ref _state, Expired, Running) != Running) return;
            Interlocked.Decrement(ref _wheel._pending);
            try
            {
                // Not disposed here: the request may still be reading the token; it is collected with the budget.
                _source.Cancel();
            }
            catch (AggregateException)
            {
                // A request's own cancellation callback failed; the request is cancelled all the same, and an
                // exception here would escape the wheel's timer and end the process.
            }
        }

        public void Dispose()
        {
            if (Interlocked.CompareExchange(ref _state, Finished, Running) != Running) return;
            if (_onWheel) Interlocked.Decrement(ref _wheel._pending);
            // Still linked in its slot until the slot passes; a finished budget is then only dropped.
            _source.Dispose();
        }
    }
}

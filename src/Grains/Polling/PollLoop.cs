using Rainforest.Grains.Telemetry;

namespace Rainforest.Grains.Polling;

/// <summary>
/// A user's polling timer: one request at a time on the user's fixed-rate slots. After each poll the timer is
/// re-armed for the first slot the retry rule allows, never twice for the same slot and never before its time;
/// whatever a poll throws, the timer is re-armed, so a user is never silently dropped from polling.
/// </summary>
/// <param name="startTimer">Registers the one-shot timer that calls the tick after the given delay.</param>
/// <param name="poll">One poll at the given time: fetch a reading and log it, or say why not.</param>
/// <param name="consecutiveFailures">The user's failures in a row, including the poll just made.</param>
public sealed class PollLoop(
    PollSchedule schedule,
    RetryRule retry,
    TimeProvider time,
    PollingMetrics metrics,
    ILogger logger,
    string cloudId,
    Func<Func<CancellationToken, Task>, TimeSpan, IGrainTimer> startTimer,
    Func<DateTimeOffset, Task<PollResult>> poll,
    Func<int> consecutiveFailures)
{
    // Timers count whole milliseconds and may fire just before the slot; earlier than this is a re-armed timer.
    private static readonly TimeSpan EarlyFiring = TimeSpan.FromSeconds(1);

    private IGrainTimer? _timer;
    private DateTimeOffset _nextSlot;

    /// <summary>A one-shot timer re-armed after each tick; it keeps the grain active and never runs beside a grain call.</summary>
    public static GrainTimerCreationOptions TimerOptions(TimeSpan due) => new(due, Timeout.InfiniteTimeSpan)
    {
        KeepAlive = true,
        Interleave = false,
    };

    public bool IsRunning => _timer is not null;

    /// <summary>
    /// Called on a scheduled slot after its poll logged a reading, with the slot's start, before the timer is
    /// re-armed: extra requests that must never delay or replace the demand poll run here (one in flight still).
    /// </summary>
    public Func<DateTimeOffset, Task>? AfterReading { get; init; }

    public DateTimeOffset? NextPollAt => _timer is null ? null : _nextSlot;

    public void StartAtNextSlot() => ArmFor(schedule.NextSlotAfter(time.GetUtcNow()));

    /// <summary>
    /// Starts at the first slot at least <paramref name="lead"/> away: a slot closer than that would be polled late
    /// by a busy silo (many users starting at once), so the user waits for its next slot instead.
    /// </summary>
    public void StartAtNextSlot(TimeSpan lead) => ArmFor(schedule.SlotAtOrAfter(time.GetUtcNow() + lead));

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>Polls now, outside the schedule. A gateway that answers on demand is healthy again: a back-off ends at the next regular slot.</summary>
    public async Task<PollResult> PollNowAsync()
    {
        var result = await MeasuredPollAsync(time.GetUtcNow());
        if (result.Succeeded && _timer is not null)
        {
            var next = schedule.NextSlotAfter(time.GetUtcNow());
            if (next < _nextSlot) ArmFor(next);
        }
        return result;
    }

    private void ArmFor(DateTimeOffset slot)
    {
        _nextSlot = slot;
        var due = Max(slot - time.GetUtcNow(), TimeSpan.Zero);
        if (_timer is null)
        {
            _timer = startTimer(TickAsync, due);
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var slot = _nextSlot;
        var started = time.GetUtcNow();
        // A request never leaves before its slot.
        while (started < slot && slot - started < EarlyFiring)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling((slot - started).TotalMilliseconds)), time, CancellationToken.None);
            started = time.GetUtcNow();
        }
        metrics.Started(started - slot);
        PollResult result;
        try
        {
            result = await MeasuredPollAsync(started);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "User {CloudId}: poll failed unexpectedly", cloudId);
            result = new PollResult(PollErrorKind.None, null, ex.Message);
        }

        if (AfterReading is not null && result.Succeeded && result.Record is not null)
        {
            try
            {
                await AfterReading(started);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "User {CloudId}: work after the reading failed unexpectedly", cloudId);
            }
        }

        var now = time.GetUtcNow();
        var earliest = retry.EarliestNextPoll(result.Error, consecutiveFailures(), started, now);
        // The slot just served is done, whatever the clock says, so it is never polled twice.
        _nextSlot = schedule.SlotAtOrAfter(Max(Max(earliest, now + TimeSpan.FromTicks(1)), slot + TimeSpan.FromTicks(1)));
        _timer?.Change(Max(_nextSlot - now, TimeSpan.Zero), Timeout.InfiniteTimeSpan);
    }

    private async Task<PollResult> MeasuredPollAsync(DateTimeOffset pollTime)
    {
        var result = await poll(pollTime);
        // Counted by what became of the poll: a reading refused as stale is not counted as a reading.
        metrics.Polled(result.Error, time.GetUtcNow() - pollTime);
        return result;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

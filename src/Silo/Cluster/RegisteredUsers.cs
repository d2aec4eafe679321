using Microsoft.Extensions.Options;
using Rainforest.Grains.Polling;

namespace Rainforest.Silo.Cluster;

/// <summary>
/// Wakes every registered user through the directory (a user already polling ignores it), a bounded number at a
/// time and in the order of their next slots: a silo starting with 100,000 users activates them as their slots
/// come round instead of all at once, so activation work (a state read, the hour-file check) never crowds out
/// the polls of the users already woken.
/// </summary>
public sealed partial class RegisteredUsers(IGrainFactory grains, IOptions<PollingOptions> polling, TimeProvider time, ILogger<RegisteredUsers> logger)
{
    // Enough activations in flight to keep Redis busy, few enough that the silo's queue stays short.
    public const int Parallelism = 64;

    // The first users woken are those whose slot is just beyond the time an activation takes.
    private static readonly TimeSpan WakeAhead = TimeSpan.FromSeconds(1);

    /// <summary>Wakes every registered user; returns how many there are. A user that fails to wake is logged and left to its reminder.</summary>
    public async Task<int> WakeAllAsync(CancellationToken cancellationToken = default)
    {
        var ids = await grains.AllCloudIdsAsync();
        var from = time.GetUtcNow() + WakeAhead;
        var period = polling.Value.Period;
        var bySlot = ids.Select(id => (Id: id, Slot: new PollSchedule(id, period).NextSlotAfter(from)))
            .OrderBy(u => u.Slot)
            .Select(u => u.Id);
        var failed = 0;
        await Parallel.ForEachAsync(bySlot, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                try
                {
                    await grains.GetGrain<IUserGrain>(id).EnsureActiveAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (Interlocked.Increment(ref failed) == 1) LogWakeFailed(ex, id);
                }
            });
        if (failed > 0) LogSomeNotWoken(failed, ids.Count);
        return ids.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {CloudId} could not be woken; its reminder brings it back")]
    private partial void LogWakeFailed(Exception exception, string cloudId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} of {Users} registered users could not be woken; their reminders bring them back")]
    private partial void LogSomeNotWoken(int failed, int users);
}

using System.Collections.Concurrent;
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

    // A wake that timed out (a silo swamped at start) is tried again; what still fails is left to the user's reminder.
    private const int Rounds = 3;

    /// <summary>Wakes every registered user; returns how many there are.</summary>
    public async Task<int> WakeAllAsync(CancellationToken cancellationToken = default)
    {
        var ids = await grains.AllCloudIdsAsync();
        IReadOnlyCollection<string> pending = [.. ids];
        for (var round = 1; round <= Rounds && pending.Count > 0; round++)
        {
            pending = await WakeInSlotOrderAsync(pending, cancellationToken);
        }
        if (pending.Count > 0) LogSomeNotWoken(pending.Count, ids.Count);
        return ids.Count;
    }

    // Returns the users whose wake failed.
    private async Task<IReadOnlyCollection<string>> WakeInSlotOrderAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var from = time.GetUtcNow() + WakeAhead;
        var period = polling.Value.Period;
        var bySlot = ids.Select(id => (Id: id, Slot: new PollSchedule(id, period).NextSlotAfter(from)))
            .OrderBy(u => u.Slot)
            .Select(u => u.Id);
        var failed = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(bySlot, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                try
                {
                    await grains.GetGrain<IUserGrain>(id).EnsureActiveAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (failed.IsEmpty) LogWakeFailed(ex, id);
                    failed.Add(id);
                }
            });
        return failed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {CloudId} could not be woken; it is tried again")]
    private partial void LogWakeFailed(Exception exception, string cloudId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} of {Users} registered users could not be woken; their reminders bring them back")]
    private partial void LogSomeNotWoken(int failed, int users);
}

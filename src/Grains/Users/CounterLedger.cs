using Rainforest.Domain.HourFiles;
using Rainforest.Grains.Logging;

namespace Rainforest.Grains.Users;

/// <summary>What a crash-recovery pass changed in the counters; <see cref="Recovered"/> lines were found uncounted.</summary>
public readonly record struct CounterRecovery(bool Changed, long Recovered, string? Path)
{
    public static readonly CounterRecovery None = new(false, 0, null);
}

/// <summary>
/// A user's counters: readings logged in all and in the current hour file, and the last one's timestamps.
/// They are written in batches, so after a crash the hour file may hold lines they do not include yet; those
/// are counted from the file on the next activation.
/// </summary>
/// <param name="record">The user's persisted record (replaced when the user is deleted).</param>
public sealed class CounterLedger(Func<UserRecord> record, int writeEvery)
{
    /// <summary>Readings counted since the counters were last written.</summary>
    public int Unwritten { get; private set; }

    /// <summary>Moves the counters to the hour of <paramref name="pollTime"/>.</summary>
    /// <returns>True for a new hour: the counters must say which hour file they cover before its first line exists.</returns>
    public bool EnterHour(DateTimeOffset pollTime)
    {
        var state = record();
        var hour = HourStamp.Of(pollTime);
        if (state.CurrentHour == hour) return false;
        state.CurrentHour = hour;
        state.LinesInCurrentHour = 0;
        return true;
    }

    /// <summary>Counts a reading whose line is in the hour file.</summary>
    /// <returns>True when a batch is complete and the counters should be written.</returns>
    public bool Count(DateTimeOffset pollTime, ulong gatewayTimeStamp)
    {
        var state = record();
        var unixSeconds = pollTime.ToUnixTimeMilliseconds() / 1000.0;
        state.TotalEventsLogged++;
        state.LinesInCurrentHour++;
        state.FirstTimestamp ??= unixSeconds;
        state.LastTimestamp = unixSeconds;
        state.LastGatewayTimeStamp = gatewayTimeStamp;
        return ++Unwritten >= writeEvery;
    }

    /// <summary>
    /// Takes the counters a migrated user brings, if this user has logged nothing yet: a live user's counters are
    /// never rewound or inflated by a migration run again.
    /// </summary>
    /// <returns>True when the counters changed and must be written.</returns>
    public bool Adopt(MigratedCounters counters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(counters.TotalEventsLogged);
        var state = record();
        if (!AcceptsMigration(state, counters)) return false;
        state.TotalEventsLogged = counters.TotalEventsLogged;
        state.FirstTimestamp = counters.FirstTimestamp;
        state.LastTimestamp = counters.LastTimestamp;
        return true;
    }

    /// <summary>True when <see cref="Adopt"/> would change the counters.</summary>
    public bool WouldAdopt(MigratedCounters counters) => AcceptsMigration(record(), counters);

    // Counters that are already exactly these (the same migration again) are no change either.
    private static bool AcceptsMigration(UserRecord state, MigratedCounters counters) =>
        state.TotalEventsLogged == 0
        && (counters.TotalEventsLogged != 0 || counters.FirstTimestamp != state.FirstTimestamp || counters.LastTimestamp != state.LastTimestamp);

    /// <summary>A write that began when <paramref name="counted"/> readings were unwritten has been stored.</summary>
    public void Written(int counted) => Unwritten = Math.Max(0, Unwritten - counted);

    /// <summary>Counts the lines of the current hour file that the persisted counters do not include.</summary>
    public CounterRecovery RecoverFromHourFile(string logsDirectory, string cloudId)
    {
        var state = record();
        if (!HourStamp.TryParse(state.CurrentHour, out var hourUtc)) return CounterRecovery.None;

        var lines = HourLog.CountLines(logsDirectory, cloudId, hourUtc);
        var missing = lines - state.LinesInCurrentHour;
        if (missing == 0) return CounterRecovery.None;
        if (missing < 0)
        {
            // This silo's file holds less than the counters cover (the part was shipped, or written on another
            // silo's disk): count from what is here now, so a later crash is recovered from the right baseline.
            state.LinesInCurrentHour = lines;
            return new CounterRecovery(true, 0, null);
        }

        var path = HourFileLayout.LocalPath(logsDirectory, cloudId, hourUtc);
        state.TotalEventsLogged += missing;
        state.LinesInCurrentHour = lines;
        state.LastTimestamp = File.GetLastWriteTimeUtc(path).Subtract(DateTime.UnixEpoch).TotalSeconds;
        state.FirstTimestamp ??= state.LastTimestamp;
        return new CounterRecovery(true, missing, path);
    }
}

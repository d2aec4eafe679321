using System.Globalization;
using System.Security.Cryptography;
using Orleans.Storage;
using Rainforest.Domain.HourFiles;
using Rainforest.Eagle;
using Rainforest.Grains.Logging;
using Rainforest.Grains.Polling;
using Rainforest.Grains.Secrets;
using Rainforest.Grains.Telemetry;

namespace Rainforest.Grains.Users;

/// <summary>
/// One user: credentials, counters, status, a six-second fixed-rate timer and the current hour's log.
/// Readings count as logged once their line is in the hour file; counters are persisted in batches and
/// recovered from the file after a crash.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", "Users")] IPersistentState<UserRecord> record,
    EagleRelayClient relay,
    GatewayPasswordProtector passwords,
    IOptions<PollingOptions> pollingOptions,
    IOptions<LogsOptions> logsOptions,
    OpenFileBudget openFiles,
    TimeProvider time,
    PollingMetrics metrics,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IRemindable
{
    private const string KeepPollingReminder = "keep-polling";

    private readonly PollingOptions _polling = pollingOptions.Value;
    private PollSchedule _schedule = null!;
    private HourLog _log = null!;
    private IGrainTimer? _timer;
    private DateTimeOffset _nextSlot;
    private EagleCredentials? _credentials;
    private int _readingsSincePersist;
    private bool _persistFailing;
    private int _readingsBehind;
    private ulong _lastBehindTimeStamp;
    private UserStatus _status = new(PollingState.Polling, 0, PollErrorKind.None, null, null, null, null);

    private string CloudId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The key names files on disk: only the canonical six hex digits may ever get that far.
        if (!Domain.Users.CloudId.IsCanonical(CloudId))
        {
            throw new ArgumentException("A user grain's key must be a canonical (lower-case) Cloud ID.");
        }
        _schedule = new PollSchedule(CloudId, _polling.Period);
        _log = new HourLog(logsOptions.Value.Directory, CloudId, openFiles, logger);
        if (!record.State.Registered) return;

        await RecoverCountersFromHourFileAsync();
        if (record.State.CredentialsRejected)
        {
            _status = _status with { State = PollingState.CredentialsRejected, LastErrorKind = PollErrorKind.CredentialsRejected };
        }
        StartPolling(_schedule.NextSlotAfter(time.GetUtcNow()));
        if (!record.State.ReminderRegistered) await EnsureReminderAsync();
        Report();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        _log.Close();
        if (record.State.Registered && _readingsSincePersist > 0)
        {
            try
            {
                await PersistAsync();
            }
            catch (Exception ex)
            {
                // The lines are on disk; the next activation recounts them from the hour file.
                logger.LogWarning(ex, "User {CloudId}: counters not persisted on deactivation ({Reason})", CloudId, reason);
            }
        }
    }

    async Task<RegistrationResult> IUserGrain.RegisterAsync(UserRegistration registration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registration.Email);
        ArgumentException.ThrowIfNullOrEmpty(registration.Password);

        var state = record.State;
        RegistrationResult result;
        if (!state.Registered)
        {
            result = RegistrationResult.Created;
        }
        else if (state.Email == registration.Email && Credentials().Password == registration.Password)
        {
            // The same credentials again usually mean "fixed on the gateway side, try now".
            if (_status.State != PollingState.Polling) await RetryPromptlyAsync();
            return RegistrationResult.Unchanged;
        }
        else
        {
            result = RegistrationResult.Updated;
        }

        state.Registered = true;
        state.Email = registration.Email;
        state.ProtectedPassword = passwords.Protect(registration.Password);
        state.CredentialsRejected = false;
        _credentials = null;
        await record.WriteStateAsync();
        _readingsSincePersist = 0;

        if (result == RegistrationResult.Created)
        {
            await GrainFactory.Shard(CloudId).AddAsync(CloudId);
            await EnsureReminderAsync();
        }

        // New credentials deserve a prompt try, not the tail of a back-off.
        _status = new UserStatus(PollingState.Polling, 0, PollErrorKind.None, null, null, _status.LastSuccessAt, null);
        StartPolling(_schedule.NextSlotAfter(time.GetUtcNow()));
        Report();
        logger.LogInformation("User {CloudId} {Result}", CloudId, result);
        return result;
    }

    Task<UserSnapshot?> IUserGrain.GetAsync()
    {
        var state = record.State;
        if (!state.Registered) return Task.FromResult<UserSnapshot?>(null);
        var status = _status with { NextPollAt = _timer is null ? null : _nextSlot };
        return Task.FromResult<UserSnapshot?>(new UserSnapshot(
            CloudId, state.Email, state.TotalEventsLogged, state.FirstTimestamp, state.LastTimestamp, status));
    }

    async Task<bool> IUserGrain.DeleteAsync()
    {
        if (!record.State.Registered) return false;

        _timer?.Dispose();
        _timer = null;
        _log.Close();
        _credentials = null;
        _status = _status with { State = PollingState.Paused };
        await GrainFactory.Shard(CloudId).RemoveAsync(CloudId);
        await record.ClearStateAsync();
        record.State = new UserRecord();
        var reminder = await this.GetReminder(KeepPollingReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
        logger.LogInformation("User {CloudId} deleted; its logged hours are still shipped", CloudId);
        DeactivateOnIdle();
        return true;
    }

    async Task<PollResult?> IUserGrain.PollNowAsync()
    {
        if (!record.State.Registered) return null;
        var result = await PollAsync(time.GetUtcNow());
        // A gateway that answers on demand is healthy again: leave the back-off for the next regular slot.
        if (result.Succeeded && _timer is not null)
        {
            var next = _schedule.NextSlotAfter(time.GetUtcNow());
            if (next < _nextSlot) StartPolling(next);
        }
        return result;
    }

    Task IUserGrain.WakeAsync() => Task.CompletedTask; // activation does the work

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!record.State.Registered)
        {
            DeactivateOnIdle();
        }
        else if (_timer is null)
        {
            StartPolling(_schedule.NextSlotAfter(time.GetUtcNow()));
        }
        return Task.CompletedTask;
    }

    private void StartPolling(DateTimeOffset firstSlot)
    {
        _nextSlot = firstSlot;
        var due = Max(firstSlot - time.GetUtcNow(), TimeSpan.Zero);
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)
            {
                KeepAlive = true,
                Interleave = false,
            });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        var slot = _nextSlot;
        var started = time.GetUtcNow();
        // Timers count whole milliseconds and may fire just before the slot: a request never leaves early.
        while (started < slot && slot - started < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling((slot - started).TotalMilliseconds)), time, CancellationToken.None);
            started = time.GetUtcNow();
        }
        metrics.Started(started - slot);
        PollResult result;
        try
        {
            result = await PollAsync(started);
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the timer is re-armed below: a user is never silently dropped from polling.
            logger.LogError(ex, "User {CloudId}: poll failed unexpectedly", CloudId);
            result = new PollResult(PollErrorKind.None, null, ex.Message);
        }

        var now = time.GetUtcNow();
        var earliest = result.Error switch
        {
            PollErrorKind.None or PollErrorKind.StaleReading or PollErrorKind.Malformed or PollErrorKind.Incomplete => now,
            PollErrorKind.CredentialsRejected => started + _polling.CredentialsRejectedRetry,
            _ => started + FailureBackoff.After(_status.ConsecutiveFailures, _polling.Period, _polling.BackoffCap),
        };
        // The slot just served is done, whatever the clock says, so it is never polled twice.
        _nextSlot = _schedule.SlotAtOrAfter(Max(Max(earliest, now + TimeSpan.FromTicks(1)), slot + TimeSpan.FromTicks(1)));
        _timer?.Change(Max(_nextSlot - now, TimeSpan.Zero), Timeout.InfiniteTimeSpan);
    }

    private async Task<PollResult> PollAsync(DateTimeOffset pollTime)
    {
        var result = await PollOnceAsync(pollTime);
        // Counted by what became of the poll: a reading refused as stale is not counted as a reading.
        metrics.Polled(result.Error, time.GetUtcNow() - pollTime);
        return result;
    }

    private async Task<PollResult> PollOnceAsync(DateTimeOffset pollTime)
    {
        EagleCredentials credentials;
        try
        {
            credentials = Credentials();
        }
        catch (CryptographicException)
        {
            return Failed(PollErrorKind.CredentialsRejected,
                "the stored password cannot be decrypted with this cluster's key ring; post the user again", pollTime);
        }
        var outcome = await relay.GetInstantaneousDemandAsync(credentials);

        if (outcome.Kind != RelayOutcomeKind.Reading || outcome.Reading is not { } reading)
        {
            return Failed(ErrorKindOf(outcome.Kind), outcome.Detail ?? outcome.Kind.ToString(), pollTime);
        }

        var state = record.State;
        if (reading.TimeStamp < state.LastGatewayTimeStamp && !IsClockReset(reading.TimeStamp))
        {
            return Failed(PollErrorKind.StaleReading,
                $"gateway timestamp {reading.TimeStamp} is older than the last logged {state.LastGatewayTimeStamp}", pollTime);
        }
        _readingsBehind = 0;

        var line = reading.ToRecordLine();
        if (reading.TimeStamp == state.LastGatewayTimeStamp && logsOptions.Value.SkipRepeats)
        {
            Succeeded(pollTime);
            return new PollResult(PollErrorKind.None, line, "repeat of the previous reading, not logged");
        }

        var hour = HourStamp.Of(pollTime);
        if (state.CurrentHour != hour)
        {
            // The counters must say which hour file they cover before its first line exists.
            state.CurrentHour = hour;
            state.LinesInCurrentHour = 0;
            await PersistDuringPollAsync();
        }

        try
        {
            _log.Append(pollTime, line);
        }
        catch (IOException ex)
        {
            return Failed(PollErrorKind.WriteFailed, ex.Message, pollTime);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Failed(PollErrorKind.WriteFailed, ex.Message, pollTime);
        }

        metrics.LineWritten();
        var unixSeconds = pollTime.ToUnixTimeMilliseconds() / 1000.0;
        state.TotalEventsLogged++;
        state.LinesInCurrentHour++;
        state.FirstTimestamp ??= unixSeconds;
        state.LastTimestamp = unixSeconds;
        state.LastGatewayTimeStamp = reading.TimeStamp;
        Succeeded(pollTime);

        if (++_readingsSincePersist >= _polling.PersistEveryReadings)
        {
            await PersistDuringPollAsync();
        }
        return new PollResult(PollErrorKind.None, line, null);
    }

    private void Succeeded(DateTimeOffset pollTime)
    {
        var wasFailing = _status.State != PollingState.Polling;
        _status = _status with { State = PollingState.Polling, ConsecutiveFailures = 0, LastSuccessAt = pollTime };
        if (wasFailing)
        {
            logger.LogInformation("User {CloudId}: gateway answers again", CloudId);
            Report();
        }
        if (record.State.CredentialsRejected)
        {
            // Accepted after all (the account was fixed on the relay's side): a restart must not show it rejected.
            record.State.CredentialsRejected = false;
            _ = PersistSafelyAsync();
        }
    }

    // A gateway whose clock was set back (a reset, a firmware update) would otherwise never be logged again
    // until its clock caught up. Its new timeline is believed once enough readings behind the last logged one
    // have each moved forward; readings that keep going backwards never are.
    private bool IsClockReset(ulong timeStamp)
    {
        _readingsBehind = _readingsBehind > 0 && timeStamp > _lastBehindTimeStamp ? _readingsBehind + 1 : 1;
        _lastBehindTimeStamp = timeStamp;
        return _readingsBehind >= _polling.AcceptClockResetAfter;
    }

    private async Task RetryPromptlyAsync()
    {
        if (record.State.CredentialsRejected)
        {
            record.State.CredentialsRejected = false;
            await record.WriteStateAsync();
        }
        _status = new UserStatus(PollingState.Polling, 0, PollErrorKind.None, null, null, _status.LastSuccessAt, null);
        StartPolling(_schedule.NextSlotAfter(time.GetUtcNow()));
        Report();
        logger.LogInformation("User {CloudId}: registered again unchanged; polling resumes at the next slot", CloudId);
    }

    private PollResult Failed(PollErrorKind kind, string detail, DateTimeOffset pollTime)
    {
        var previous = _status;
        var state = kind == PollErrorKind.CredentialsRejected ? PollingState.CredentialsRejected : PollingState.Failing;
        _status = _status with
        {
            State = state,
            ConsecutiveFailures = previous.ConsecutiveFailures + 1,
            LastErrorKind = kind,
            LastError = detail,
            LastErrorAt = pollTime,
        };

        if (previous.State != state || previous.LastErrorKind != kind)
        {
            LogPollFailed(CloudId, kind, detail);
            Report();
        }

        if (kind == PollErrorKind.CredentialsRejected && !record.State.CredentialsRejected)
        {
            record.State.CredentialsRejected = true;
            _ = PersistSafelyAsync();
        }
        return new PollResult(kind, null, detail);
    }

    private EagleCredentials Credentials() =>
        _credentials ??= new EagleCredentials(CloudId, record.State.Email, passwords.Unprotect(record.State.ProtectedPassword));

    private async Task PersistAsync()
    {
        await record.WriteStateAsync();
        _readingsSincePersist = 0;
        Report();
    }

    // Storage trouble (a Redis outage) must not stop logging: the line goes to the hour file either way, and
    // the counters are written at the next chance or recovered from the file. A conflicting write means
    // another activation owns this user now, so this one steps aside.
    private async Task PersistDuringPollAsync()
    {
        try
        {
            await PersistAsync();
            _persistFailing = false;
        }
        catch (InconsistentStateException ex)
        {
            logger.LogWarning(ex, "User {CloudId}: state was written elsewhere; this activation stops", CloudId);
            _timer?.Dispose();
            _timer = null;
            DeactivateOnIdle();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!_persistFailing) logger.LogWarning(ex, "User {CloudId}: counters not persisted; still logging", CloudId);
            _persistFailing = true;
        }
    }

    private async Task PersistSafelyAsync()
    {
        try
        {
            await PersistAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "User {CloudId}: state not persisted", CloudId);
        }
    }

    // After a crash the hour file may hold lines the persisted counters do not include yet.
    private async Task RecoverCountersFromHourFileAsync()
    {
        var state = record.State;
        if (state.CurrentHour is null || !HourStamp.TryParse(state.CurrentHour, out var hourUtc)) return;

        var lines = HourLog.CountLines(logsOptions.Value.Directory, CloudId, hourUtc);
        var missing = lines - state.LinesInCurrentHour;
        if (missing < 0)
        {
            // This silo's file holds less than the counters cover (the part was shipped, or written on another
            // silo's disk): count from what is here now, so a later crash is recovered from the right baseline.
            state.LinesInCurrentHour = lines;
            await record.WriteStateAsync();
            return;
        }
        if (missing == 0) return;

        var path = HourFileLayout.LocalPath(logsOptions.Value.Directory, CloudId, hourUtc);
        state.TotalEventsLogged += missing;
        state.LinesInCurrentHour = lines;
        state.LastTimestamp = File.GetLastWriteTimeUtc(path).Subtract(DateTime.UnixEpoch).TotalSeconds;
        state.FirstTimestamp ??= state.LastTimestamp;
        logger.LogInformation("User {CloudId}: recovered {Missing} logged readings from {Path}", CloudId, missing, path);
        await record.WriteStateAsync();
    }

    private async Task EnsureReminderAsync()
    {
        await this.RegisterOrUpdateReminder(KeepPollingReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        record.State.ReminderRegistered = true;
        await record.WriteStateAsync();
    }

    private void Report() => GrainFactory.Shard(CloudId).ReportAsync(new UserSummary(
        CloudId, _status.State, record.State.TotalEventsLogged, _status.LastSuccessAt, _status.LastErrorKind, _status.LastErrorAt));

    private static PollErrorKind ErrorKindOf(RelayOutcomeKind kind) => kind switch
    {
        RelayOutcomeKind.Reading => PollErrorKind.None,
        RelayOutcomeKind.CredentialsRejected => PollErrorKind.CredentialsRejected,
        RelayOutcomeKind.RelayError => PollErrorKind.RelayError,
        RelayOutcomeKind.HttpError => PollErrorKind.HttpError,
        RelayOutcomeKind.Timeout => PollErrorKind.Timeout,
        RelayOutcomeKind.Unreachable => PollErrorKind.Unreachable,
        RelayOutcomeKind.Malformed => PollErrorKind.Malformed,
        _ => PollErrorKind.Incomplete,
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {CloudId}: poll failed ({Kind}): {Detail}")]
    private partial void LogPollFailed(string cloudId, PollErrorKind kind, string detail);
}

using System.Security.Cryptography;
using Orleans.Storage;
using Rainforest.Domain.HourFiles;
using Rainforest.Eagle;
using Rainforest.Grains.Logging;
using Rainforest.Grains.Polling;
using Rainforest.Grains.Secrets;
using Rainforest.Grains.Sources;
using Rainforest.Grains.Telemetry;

namespace Rainforest.Grains.Users;

/// <summary>
/// One user: credentials, counters, status, a six-second fixed-rate timer and the current hour's log.
/// Readings count as logged once their line is in the hour file; counters are persisted in batches and
/// recovered from the file after a crash.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", "Users")] IPersistentState<UserRecord> record,
    ReadingSources sources,
    GatewayPasswordProtector passwords,
    IOptions<PollingOptions> pollingOptions,
    IOptions<LogsOptions> logsOptions,
    OpenFileBudget openFiles,
    TimeProvider time,
    PollingMetrics metrics,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IRemindable
{
    private const string KeepPollingReminder = "keep-polling";

    private readonly UserStatusTracker _status = new(time);
    private readonly StaleReadingGuard _staleReadings = new(pollingOptions.Value.AcceptClockResetAfter);
    private readonly CounterLedger _counters = new(() => record.State, pollingOptions.Value.PersistEveryReadings);
    private PollLoop _loop = null!;
    private HourLog _log = null!;
    private StateWriter _writer = null!;
    private UserCredentials _credentials = null!;
    private IReadingSource? _source;
    private bool _writesFailing;

    private string CloudId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The key names files on disk: only the canonical six hex digits may ever get that far.
        if (!Domain.Users.CloudId.IsCanonical(CloudId))
        {
            throw new ArgumentException("A user grain's key must be a canonical (lower-case) Cloud ID.");
        }
        var polling = pollingOptions.Value;
        _loop = new PollLoop(new PollSchedule(CloudId, polling.Period), new RetryRule(polling), time, metrics, logger, CloudId,
            StartTimer, PollOnceAsync, () => _status.ConsecutiveFailures);
        _log = new HourLog(logsOptions.Value.Directory, CloudId, openFiles, logger);
        _writer = new StateWriter(WriteRecordAsync, record.ClearStateAsync);
        _credentials = new UserCredentials(CloudId, passwords);
        if (!record.State.Registered) return;

        await RecoverCountersAsync();
        if (record.State.CredentialsRejected) _status.RestoreRejected();
        _loop.StartAtNextSlot();
        if (!record.State.ReminderRegistered) await EnsureReminderAsync();
        Report();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _loop.Stop();
        _log.Close();
        if (!record.State.Registered || _counters.Unwritten == 0) return;
        try
        {
            await _writer.WriteAsync();
            Report();
        }
        catch (Exception ex)
        {
            // The lines are on disk; the next activation recounts them from the hour file.
            logger.LogWarning(ex, "User {CloudId}: counters not persisted on deactivation ({Reason})", CloudId, reason);
        }
    }

    async Task<RegistrationResult> IUserGrain.RegisterAsync(UserRegistration registration)
    {
        string? gatewayUrl = null;
        if (registration.Source == ReadingSource.Local)
        {
            ArgumentNullException.ThrowIfNull(registration.Email);
            ArgumentException.ThrowIfNullOrEmpty(registration.InstallCode);
            // Before anything is stored: a refused address leaves the user as it was.
            gatewayUrl = await sources.CheckGatewayAsync(registration.GatewayUrl);
        }
        else
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(registration.Email);
            ArgumentException.ThrowIfNullOrEmpty(registration.Password);
        }

        var state = record.State;
        var takesCounters = registration.Counters is { } counters && _counters.WouldAdopt(counters);
        if (_credentials.AreStored(state, registration, gatewayUrl) && !takesCounters)
        {
            // The same credentials again usually mean "fixed on the gateway side, try now".
            if (!_status.IsPolling) await RetryPromptlyAsync();
            return RegistrationResult.Unchanged;
        }

        var result = state.Registered ? RegistrationResult.Updated : RegistrationResult.Created;
        var before = (state.Registered, state.Email, state.ProtectedPassword, state.CredentialsRejected,
            state.Source, state.GatewayUrl, state.ProtectedInstallCode);
        _credentials.Store(state, registration, gatewayUrl);
        _source = null;
        if (takesCounters) _counters.Adopt(registration.Counters!);
        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            // Not stored (Redis down): the caller is told so, and a retry must not find these credentials "unchanged".
            (state.Registered, state.Email, state.ProtectedPassword, state.CredentialsRejected,
                state.Source, state.GatewayUrl, state.ProtectedInstallCode) = before;
            _credentials.Forget();
            throw;
        }

        if (result == RegistrationResult.Created)
        {
            // Both are stored before the answer; they do not depend on each other, so they wait together.
            var reminder = this.RegisterOrUpdateReminder(KeepPollingReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            await Task.WhenAll(GrainFactory.Shard(CloudId).AddAsync(CloudId), reminder);
            // The reminder is in its table; the flag only spares a re-registration on activation, so it rides on
            // the record's next write instead of costing a second write per new user.
            record.State.ReminderRegistered = true;
        }

        // New credentials deserve a prompt try, not the tail of a back-off.
        ResumePolling();
        logger.LogInformation("User {CloudId} {Result}", CloudId, result);
        return result;
    }

    Task<UserSnapshot?> IUserGrain.GetAsync() => Task.FromResult(record.State is { Registered: true } state
        ? new UserSnapshot(CloudId, state.Email, state.TotalEventsLogged, state.FirstTimestamp, state.LastTimestamp,
            _status.WithNextPoll(_loop.NextPollAt), _status.History)
        {
            Source = state.Source,
            GatewayUrl = state.Source == ReadingSource.Local ? state.GatewayUrl : null,
        }
        : null);

    async Task<bool> IUserGrain.DeleteAsync()
    {
        if (!record.State.Registered) return false;

        _loop.Stop();
        _log.Close();
        _credentials.Forget();
        _source = null;
        _status.Pause();
        await GrainFactory.Shard(CloudId).RemoveAsync(CloudId);
        await _writer.ClearAsync();
        record.State = new UserRecord();
        var reminder = await this.GetReminder(KeepPollingReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
        logger.LogInformation("User {CloudId} deleted; its logged hours are still shipped", CloudId);
        DeactivateOnIdle();
        return true;
    }

    async Task<PollResult?> IUserGrain.PollNowAsync() => record.State.Registered ? await _loop.PollNowAsync() : null;

    Task IUserGrain.WakeAsync() => Task.CompletedTask; // activation does the work

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!record.State.Registered) DeactivateOnIdle();
        else if (!_loop.IsRunning) _loop.StartAtNextSlot();
        return Task.CompletedTask;
    }

    private async Task<PollResult> PollOnceAsync(DateTimeOffset pollTime)
    {
        IReadingSource source;
        try
        {
            source = _source ??= record.State.Source == ReadingSource.Local
                ? sources.Local(_credentials.LocalOf(record.State))
                : sources.Relay(_credentials.Of(record.State));
        }
        catch (CryptographicException)
        {
            var secret = record.State.Source == ReadingSource.Local ? "install code" : "password";
            return Failed(PollErrorKind.CredentialsRejected,
                $"the stored {secret} cannot be decrypted with this cluster's key ring; post the user again", pollTime);
        }
        var outcome = await source.ReadAsync();
        if (outcome.Kind != RelayOutcomeKind.Reading || outcome.Reading is not { } reading)
        {
            return Failed(outcome.Kind.ToPollError(), outcome.Detail ?? outcome.Kind.ToString(), pollTime);
        }

        var lastLogged = record.State.LastGatewayTimeStamp;
        if (_staleReadings.IsStale(reading.TimeStamp, lastLogged))
        {
            return Failed(PollErrorKind.StaleReading,
                $"gateway timestamp {reading.TimeStamp} is older than the last logged {lastLogged}", pollTime);
        }

        var line = reading.ToRecordLine();
        if (reading.TimeStamp == lastLogged && logsOptions.Value.SkipRepeats)
        {
            Succeeded(pollTime);
            return new PollResult(PollErrorKind.None, line, "repeat of the previous reading, not logged");
        }

        if (_counters.EnterHour(pollTime)) await PersistAsync();
        try
        {
            _log.Append(pollTime, line);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(PollErrorKind.WriteFailed, ex.Message, pollTime);
        }
        metrics.LineWritten();
        var batchComplete = _counters.Count(pollTime, reading.TimeStamp);
        Succeeded(pollTime);
        if (batchComplete) await PersistAsync();
        return new PollResult(PollErrorKind.None, line, null);
    }

    private void Succeeded(DateTimeOffset pollTime)
    {
        if (_status.Succeeded(pollTime))
        {
            logger.LogInformation("User {CloudId}: gateway answers again", CloudId);
            Report();
        }
        // Accepted after all (the account was fixed on the relay's side): a restart must not show it rejected.
        RememberCredentialsRejected(false);
    }

    private PollResult Failed(PollErrorKind kind, string detail, DateTimeOffset pollTime)
    {
        if (_status.Failed(kind, detail, pollTime))
        {
            LogPollFailed(CloudId, kind, detail);
            Report();
        }
        if (kind == PollErrorKind.CredentialsRejected) RememberCredentialsRejected(true);
        return new PollResult(kind, null, detail);
    }

    // Written in the background: the poll goes on while the writer stores it.
    private void RememberCredentialsRejected(bool rejected)
    {
        if (record.State.CredentialsRejected == rejected) return;
        record.State.CredentialsRejected = rejected;
        _ = PersistAsync();
    }

    private async Task RetryPromptlyAsync()
    {
        if (record.State.CredentialsRejected)
        {
            record.State.CredentialsRejected = false;
            await _writer.WriteAsync();
        }
        ResumePolling();
        logger.LogInformation("User {CloudId}: registered again unchanged; polling resumes at the next slot", CloudId);
    }

    private void ResumePolling()
    {
        _status.Resume();
        _loop.StartAtNextSlot();
        Report();
    }

    // Storage trouble (a Redis outage) must not stop logging: the line goes to the hour file either way, and
    // the counters are written at the next chance or recovered from the file. A conflicting write means
    // another activation owns this user now, so this one steps aside.
    private async Task PersistAsync()
    {
        try
        {
            await _writer.WriteAsync();
            _writesFailing = false;
            Report();
        }
        catch (InconsistentStateException ex)
        {
            logger.LogWarning(ex, "User {CloudId}: state was written elsewhere; this activation stops", CloudId);
            _loop.Stop();
            DeactivateOnIdle();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!_writesFailing) logger.LogWarning(ex, "User {CloudId}: counters not persisted; still logging", CloudId);
            _writesFailing = true;
        }
    }

    // Every write goes through the writer, which runs them one at a time.
    private async Task WriteRecordAsync()
    {
        var counted = _counters.Unwritten;
        await record.WriteStateAsync();
        _counters.Written(counted);
    }

    private async Task RecoverCountersAsync()
    {
        var recovery = _counters.RecoverFromHourFile(logsOptions.Value.Directory, CloudId);
        if (recovery.Recovered > 0) LogRecovered(CloudId, recovery.Recovered, recovery.Path);
        if (recovery.Changed) await _writer.WriteAsync();
    }

    private async Task EnsureReminderAsync()
    {
        await this.RegisterOrUpdateReminder(KeepPollingReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        record.State.ReminderRegistered = true;
        await _writer.WriteAsync();
    }

    private IGrainTimer StartTimer(Func<CancellationToken, Task> tick, TimeSpan due) => this.RegisterGrainTimer(tick, PollLoop.TimerOptions(due));

    private void Report() => GrainFactory.Shard(CloudId).ReportAsync(
        _status.Summary(CloudId, record.State.TotalEventsLogged) with { Email = record.State.Email, Source = record.State.Source });

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {CloudId}: poll failed ({Kind}): {Detail}")]
    private partial void LogPollFailed(string cloudId, PollErrorKind kind, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {CloudId}: recovered {Missing} logged readings from {Path}")]
    private partial void LogRecovered(string cloudId, long missing, string? path);
}

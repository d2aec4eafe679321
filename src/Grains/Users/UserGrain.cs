using System.Security.Cryptography;
using Orleans.Storage;
using Rainforest.Domain.HourFiles;
using Rainforest.Eagle;
using Rainforest.Eagle.Uploader;
using Rainforest.Grains.Capture;
using Rainforest.Grains.Logging;
using Rainforest.Grains.Polling;
using Rainforest.Grains.Secrets;
using Rainforest.Grains.Sources;
using Rainforest.Grains.Telemetry;
using Rainforest.Grains.Uploads;

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
    IOptions<CaptureOptions> captureOptions,
    IOptions<PushSourceOptions> pushOptions,
    OpenFileBudget openFiles,
    TimeProvider time,
    PollingMetrics metrics,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IRemindable
{
    private const string KeepPollingReminder = "keep-polling";
    private static readonly TimeSpan CaptureSlotMargin = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MinCaptureBudget = TimeSpan.FromSeconds(1);
    // Created on first use: most users never capture, never fail a capture and are never pushed to.
    private HashSet<RecordKind>? _failingCaptures;

    private readonly UserStatusTracker _status = new(time);
    private readonly StaleReadingGuard _staleReadings = new(pollingOptions.Value.AcceptClockResetAfter);
    private readonly CounterLedger _counters = new(() => record.State, pollingOptions.Value.PersistEveryReadings);
    private PollLoop _loop = null!;
    private HourLog _log = null!;
    private CapturedLog _captured = null!;
    private readonly CaptureSchedule _captures = new(captureOptions.Value);
    private StateWriter _writer = null!;
    private UserCredentials _credentials = null!;
    private IReadingSource? _source;
    private bool _writesFailing;
    private RecentTimeStamps? _recentPushed;
    private Dictionary<RecordKind, RecentTimeStamps>? _recentCaptured;
    private IGrainTimer? _silenceWatch;
    private DateTimeOffset _lastPushedAt;

    private string CloudId => this.GetPrimaryKeyString();

    // A push user's gateway sends its readings; nothing polls it.
    private bool IsPush => record.State.Source == ReadingSource.Push;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The key names files on disk: only the canonical six hex digits may ever get that far.
        if (!Domain.Users.CloudId.IsCanonical(CloudId))
        {
            throw new ArgumentException("A user grain's key must be a canonical (lower-case) Cloud ID.");
        }
        var polling = pollingOptions.Value;
        _loop = new PollLoop(new PollSchedule(CloudId, polling.Period), new RetryRule(polling), time, metrics, logger, CloudId,
            StartTimer, PollOnceAsync, () => _status.ConsecutiveFailures)
        {
            AfterReading = _captures.Enabled.Count > 0 ? CaptureAsync : null,
        };
        _log = new HourLog(logsOptions.Value.Directory, CloudId, openFiles, logger);
        _captured = new CapturedLog(logsOptions.Value.Directory, CloudId, openFiles, logger);
        _writer = new StateWriter(WriteRecordAsync, record.ClearStateAsync);
        _credentials = new UserCredentials(CloudId, passwords);
        if (!record.State.Registered) return;

        await RecoverCountersAsync();
        if (record.State.CredentialsRejected) _status.RestoreRejected();
        if (!record.State.ReminderRegistered) await EnsureReminderAsync();
        // Armed last, once the activation's own work is done, so that work cannot make the first poll late.
        if (IsPush) WatchSilence();
        else _loop.StartAtNextSlot(UserWakeUp.FirstPollLead);
        Report();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _loop.Stop();
        StopWatchingSilence();
        _log.Close();
        _captured.Close();
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
        else if (registration.Source == ReadingSource.Push)
        {
            ArgumentNullException.ThrowIfNull(registration.Email);
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
            state.Source, state.GatewayUrl, state.ProtectedInstallCode, state.UploadSecretHash, state.PushGatewayMacId);
        var oldSecret = state.UploadSecretHash;
        var newSecret = await IssueUploadSecretAsync(state, registration);
        _credentials.Store(state, registration, gatewayUrl);
        _source = null;
        if (takesCounters) _counters.Adopt(registration.Counters!);
        // A new user's record names the hour of its first poll, so that poll finds its hour entered and does not write again.
        if (result == RegistrationResult.Created) _counters.EnterHour(new PollSchedule(CloudId, pollingOptions.Value.Period).NextSlotAfter(time.GetUtcNow()));
        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            // Not stored (Redis down): the caller is told so, and a retry must not find these credentials "unchanged".
            (state.Registered, state.Email, state.ProtectedPassword, state.CredentialsRejected,
                state.Source, state.GatewayUrl, state.ProtectedInstallCode, state.UploadSecretHash, state.PushGatewayMacId) = before;
            _credentials.Forget();
            if (newSecret is not null) await RevokeQuietlyAsync(newSecret);
            throw;
        }
        // Only once the new state is stored: the old URL stops working, the new one already works.
        if (oldSecret is not null && oldSecret != state.UploadSecretHash) await RevokeQuietlyAsync(oldSecret);

        if (result == RegistrationResult.Created)
        {
            // Both are stored before the answer; they do not depend on each other, so they wait together.
            var reminder = this.RegisterOrUpdateReminder(KeepPollingReminder, UserWakeUp.ReminderPeriod, UserWakeUp.ReminderPeriod);
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
        StopWatchingSilence();
        _log.Close();
        _captured.Close();
        _credentials.Forget();
        _source = null;
        _status.Pause();
        if (record.State.UploadSecretHash is { } secret) await GrainFactory.GetGrain<IUploaderSecretGrain>(secret).RevokeAsync();
        await GrainFactory.Shard(CloudId).RemoveAsync(CloudId);
        await _writer.ClearAsync();
        record.State = new UserRecord();
        var reminder = await this.GetReminder(KeepPollingReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
        logger.LogInformation("User {CloudId} deleted; its logged hours are still shipped", CloudId);
        DeactivateOnIdle();
        return true;
    }

    async Task<PollResult?> IUserGrain.PollNowAsync() => record.State.Registered
        ? IsPush ? new PollResult(PollErrorKind.None, null, PushNotPolled) : await _loop.PollNowAsync()
        : null;

    /// <summary>What <c>PollNowAsync</c> answers for a push user, whose gateway cannot be asked.</summary>
    public const string PushNotPolled = "this user's gateway pushes its readings; there is nothing to poll";

    async Task<UploadResult> IUserGrain.UploadAsync(byte[] secretHash, UploadEnvelope envelope)
    {
        var state = record.State;
        // Constant time, and the same answer whether the user is missing, not a push user or holds another secret.
        var stored = state is { Registered: true, Source: ReadingSource.Push, UploadSecretHash: { } hash } ? Convert.FromHexString(hash) : new byte[32];
        if (!CryptographicOperations.FixedTimeEquals(stored, secretHash) || !IsPush || !state.Registered)
        {
            return new UploadResult(UploadStatus.Unauthorized);
        }
        if (state.PushGatewayMacId is { } pinned && pinned != envelope.MacId)
        {
            LogOtherGateway(CloudId, envelope.Demands.Count);
            return new UploadResult(UploadStatus.OtherGateway, Detail: "this upload URL belongs to another gateway");
        }

        var receivedAt = time.GetUtcNow();
        if (state.PushGatewayMacId is null)
        {
            // Pinned in memory at once; a storage outage only delays persisting it, like the counters.
            state.PushGatewayMacId = envelope.MacId;
            await PersistAsync();
        }
        int logged = 0, repeats = 0;
        foreach (var pushed in envelope.Demands)
        {
            var reading = new InstantaneousDemand(pushed.DeviceMacId, pushed.MeterMacId, pushed.TimeStamp, pushed.Demand,
                pushed.Multiplier, pushed.Divisor, pushed.DigitsRight, pushed.DigitsLeft, pushed.SuppressLeadingZero);
            // A gateway re-sends an envelope it thinks was lost: what is already logged is not logged again.
            _lastPushedAt = receivedAt;
            if (_recentPushed?.Contains(reading.TimeStamp) == true || reading.TimeStamp == state.LastGatewayTimeStamp)
            {
                repeats++;
                continue;
            }
            var result = await LogReadingAsync(reading, receivedAt);
            if (result.Error == PollErrorKind.WriteFailed) return new UploadResult(UploadStatus.WriteFailed, logged, repeats, "the hour file could not be written");
            if (result.Succeeded && result.Detail is null)
            {
                logged++;
                (_recentPushed ??= new RecentTimeStamps(64)).Add(reading.TimeStamp);
            }
            else
            {
                repeats++;
            }
        }
        LogPushedCaptures(envelope.Captured, receivedAt);
        LogUploaded(CloudId, envelope.Demands.Count, logged, repeats);
        return new UploadResult(UploadStatus.Accepted, logged, repeats);
    }

    // A push user keeps every summation and price fragment its gateway sends (Every is about asking, and a push
    // gateway is never asked), each kind only while its capture switch is on. A fragment without a readable value
    // is counted as failed and skipped; a TimeStamp of a kind already logged in this activation is a re-send.
    private void LogPushedCaptures(IReadOnlyList<PushedCapture> captured, DateTimeOffset receivedAt)
    {
        foreach (var pushed in captured)
        {
            if (RecordKind.Named(pushed.Kind) is not { } kind || !_captures.Enabled.Contains(kind)) continue;
            if (pushed.Line is null)
            {
                CaptureFailed(kind, pushed.Failure ?? "Malformed", pushed.Detail);
                continue;
            }
            _recentCaptured ??= [];
            if (!_recentCaptured.TryGetValue(kind, out var recent)) _recentCaptured[kind] = recent = new RecentTimeStamps(64);
            if (!kind.Format.TryRead(pushed.Line, out var timeStamp) || recent.Contains(timeStamp)) continue;
            if (LogCaptured(kind, receivedAt, pushed.Line)) recent.Add(timeStamp);
        }
    }

    // Binds a fresh secret when the user becomes a push user or asks for a new URL; returns its hash, or null.
    private async Task<string?> IssueUploadSecretAsync(UserRecord state, UserRegistration registration)
    {
        if (registration.Source != ReadingSource.Push)
        {
            state.UploadSecretHash = null;
            state.PushGatewayMacId = null;
            return null;
        }
        var becomesPush = !state.Registered || state.Source != ReadingSource.Push || state.UploadSecretHash is null;
        if (!becomesPush && !registration.NewUploadUrl) return null;
        ArgumentException.ThrowIfNullOrEmpty(registration.UploadSecretHash);
        await GrainFactory.GetGrain<IUploaderSecretGrain>(registration.UploadSecretHash).BindAsync(CloudId);
        state.UploadSecretHash = registration.UploadSecretHash;
        // Whichever gateway first uploads with the new URL is the user's gateway (a replaced gateway gets a new URL).
        state.PushGatewayMacId = null;
        return registration.UploadSecretHash;
    }

    private async Task RevokeQuietlyAsync(string secretHash)
    {
        try
        {
            await GrainFactory.GetGrain<IUploaderSecretGrain>(secretHash).RevokeAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The user record no longer holds it, so the upload route still answers 401 for it.
            logger.LogWarning(ex, "User {CloudId}: an old upload secret's binding was not removed", CloudId);
        }
    }

    Task IUserGrain.WakeAsync() => Task.CompletedTask; // activation does the work

    Task IUserGrain.EnsureActiveAsync() => Task.CompletedTask; // answered once the activation has armed the first poll

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!record.State.Registered) DeactivateOnIdle();
        else if (IsPush) WatchSilence();
        else if (!_loop.IsRunning) _loop.StartAtNextSlot(UserWakeUp.FirstPollLead);
        // A reminder registered with an older period takes the current one at its next tick (one write, once).
        if (record.State.Registered && status.Period != UserWakeUp.ReminderPeriod)
        {
            await this.RegisterOrUpdateReminder(KeepPollingReminder, UserWakeUp.ReminderPeriod, UserWakeUp.ReminderPeriod);
        }
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
        return await LogReadingAsync(reading, pollTime);
    }

    // A reading, polled or pushed, becomes one line of the hour file of the UTC hour it was received in.
    private async Task<PollResult> LogReadingAsync(InstantaneousDemand reading, DateTimeOffset pollTime)
    {
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

    // The capture requests run in the demand poll's own slot, after its reading is logged, one at a time, each
    // within what is left of the slot (less a margin) and never longer than the request timeout; a kind that
    // does not fit waits for the next slot. So the demand poll is never delayed or replaced, one request per
    // user is in flight at any time, and a demand reply that used most of the slot simply postpones the capture.
    private async Task CaptureAsync(DateTimeOffset slotStart)
    {
        if (_source is not ICapturingSource source) return;
        var slotEnd = slotStart + pollingOptions.Value.Period - CaptureSlotMargin;
        foreach (var kind in _captures.Due(time.GetUtcNow()))
        {
            var now = time.GetUtcNow();
            var left = slotEnd - now;
            if (left < MinCaptureBudget)
            {
                metrics.Captured(kind.Name, "postponed");
                return;
            }
            _captures.Asked(kind, now);
            var outcome = await source.CaptureAsync(kind, now, left);
            if (outcome.IsCaptured) LogCaptured(kind, now, outcome.CapturedLine);
            else CaptureFailed(kind, outcome.Kind.ToString(), outcome.Detail);
        }
    }

    /// <summary>
    /// Logs one captured summation or price record line to its sibling hour file. A failure is counted and
    /// logged; it never turns the user to failing (the demand reading is what the status is about).
    /// </summary>
    private bool LogCaptured(RecordKind kind, DateTimeOffset readAt, string recordLine)
    {
        try
        {
            _captured.Append(kind, readAt, recordLine);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            CaptureFailed(kind, "WriteFailed", ex.Message);
            return false;
        }
        metrics.Captured(kind.Name, "logged");
        _failingCaptures?.Remove(kind);
        return true;
    }

    private void CaptureFailed(RecordKind kind, string why, string? detail)
    {
        metrics.Captured(kind.Name, why);
        // Logged once per streak: a gateway that never answers get_price must not flood the log.
        if ((_failingCaptures ??= []).Add(kind)) LogCaptureFailed(CloudId, kind.Name, why, detail ?? why);
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
        if (IsPush)
        {
            _loop.Stop();
            WatchSilence();
        }
        else
        {
            StopWatchingSilence();
            _loop.StartAtNextSlot();
        }
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
        // A past hour's file that holds fewer lines than counted (shipped, or written on another silo) gets no more
        // lines, and the next reading enters a new hour and writes: the lowered baseline need not cost a write at start.
        var pastHourShrank = recovery.Recovered == 0 && record.State.CurrentHour != HourStamp.Of(time.GetUtcNow());
        if (recovery.Changed && !pastHourShrank) await _writer.WriteAsync();
    }

    private async Task EnsureReminderAsync()
    {
        await this.RegisterOrUpdateReminder(KeepPollingReminder, UserWakeUp.ReminderPeriod, UserWakeUp.ReminderPeriod);
        record.State.ReminderRegistered = true;
        await _writer.WriteAsync();
    }

    // A push user's watchdog: one timer that fires at most once per SilentAfter; readings do not touch it.
    private void WatchSilence()
    {
        if (_silenceWatch is not null) return;
        _lastPushedAt = time.GetUtcNow();
        _silenceWatch = this.RegisterGrainTimer(CheckSilenceAsync, PollLoop.TimerOptions(pushOptions.Value.SilentAfter));
    }

    private void StopWatchingSilence()
    {
        _silenceWatch?.Dispose();
        _silenceWatch = null;
    }

    private Task CheckSilenceAsync(CancellationToken cancellationToken)
    {
        var silentAfter = pushOptions.Value.SilentAfter;
        var now = time.GetUtcNow();
        var quiet = now - _lastPushedAt;
        if (quiet >= silentAfter)
        {
            if (_status.Current.LastErrorKind != PollErrorKind.Silent || _status.IsPolling)
            {
                Failed(PollErrorKind.Silent, $"no reading uploaded since {_lastPushedAt:O}", now);
            }
            _silenceWatch?.Change(silentAfter, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _silenceWatch?.Change(silentAfter - quiet, Timeout.InfiniteTimeSpan);
        }
        return Task.CompletedTask;
    }

    private IGrainTimer StartTimer(Func<CancellationToken, Task> tick, TimeSpan due) => this.RegisterGrainTimer(tick, PollLoop.TimerOptions(due));

    private void Report() => GrainFactory.Shard(CloudId).ReportAsync(
        _status.Summary(CloudId, record.State.TotalEventsLogged) with { Email = record.State.Email, Source = record.State.Source });

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {CloudId}: poll failed ({Kind}): {Detail}")]
    private partial void LogPollFailed(string cloudId, PollErrorKind kind, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {CloudId}: {Kind} reading not logged ({Why}): {Detail}; demand polling goes on")]
    private partial void LogCaptureFailed(string cloudId, string kind, string why, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "User {CloudId}: upload of {Readings} readings, {Logged} logged, {Repeats} already logged")]
    private partial void LogUploaded(string cloudId, int readings, int logged, int repeats);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {CloudId}: upload of {Readings} readings refused, it comes from another gateway than the first upload's")]
    private partial void LogOtherGateway(string cloudId, int readings);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {CloudId}: recovered {Missing} logged readings from {Path}")]
    private partial void LogRecovered(string cloudId, long missing, string? path);
}

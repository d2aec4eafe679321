using System.Collections.Concurrent;

namespace Rainforest.Archive;

/// <summary>
/// This silo's shipper: ships every finished hour file in its logs directory through the hour's archive
/// grain, deletes a file only once its lines are confirmed in the archive, and keeps retrying the rest
/// with back-off, forever. Runs a pass at start (crash leftovers), ShipDelay after each hour, whenever a
/// retry is due, and at silo stop (partial hours included).
/// </summary>
public sealed partial class HourShipper : IDisposable
{
    private enum ShipOutcome { Shipped, Failed, ArchiveDown, Gone }

    private readonly LogDirectoryScanner _scanner;
    private readonly IGrainFactory _grains;
    private readonly HourArchiver _archiver;
    private readonly IClusterMembershipService _membership;
    private readonly ILocalSiloDetails _localSilo;
    private readonly ArchiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ArchiveHealth _health;
    private readonly ArchiveMetrics _metrics;
    private readonly ILogger<HourShipper> _logger;

    private readonly ConcurrentDictionary<string, PendingHourFile> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _passGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _archiveLock = new();
    private DateTimeOffset _archiveRetryAt = DateTimeOffset.MinValue;
    private int _archiveFailures;
    private int _foreignEntries;
    private DateTimeOffset _lastScanAt = DateTimeOffset.MinValue;
    private Task _loop = Task.CompletedTask;
    private Task _reporter = Task.CompletedTask;
    private bool _started;

    public HourShipper(LogDirectoryScanner scanner, IGrainFactory grains, HourArchiver archiver, IClusterMembershipService membership,
        ILocalSiloDetails localSilo, IOptions<ArchiveOptions> options, TimeProvider time, ArchiveHealth health, ArchiveMetrics metrics,
        ILogger<HourShipper> logger)
    {
        _scanner = scanner;
        _grains = grains;
        _archiver = archiver;
        _membership = membership;
        _localSilo = localSilo;
        _options = options.Value;
        _time = time;
        _health = health;
        _metrics = metrics;
        _logger = logger;
        metrics.ObserveBacklog(Backlog);
    }

    /// <summary>Starts the schedule; the first pass ships whatever finished hours a previous run left.</summary>
    public void Start()
    {
        LogStarting(_scanner.LogsDirectory, _archiver.Target, _options.ShipDelay);
        _started = true;
        _loop = Task.Run(() => RunAsync(_stopping.Token));
        _reporter = Task.Run(() => ReportLoopAsync(_stopping.Token));
    }

    /// <summary>
    /// Stops the schedule and ships every hour file, the current hour's partial files included (the user
    /// grains have closed them). Bounded by ShutdownTimeout; what is left stays on disk for the next start.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started) return;
        await _stopping.CancelAsync();
        await Task.WhenAll(_loop, _reporter);

        using var bounded = new CancellationTokenSource(_options.ShutdownTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(bounded.Token, cancellationToken);
        try
        {
            var summary = await ShipAsync(includeCurrentHour: true, linked.Token);
            LogStopped(summary.Shipped, summary.Backlog);
        }
        catch (OperationCanceledException)
        {
            LogStopTimedOut(_options.ShutdownTimeout, _pending.Count);
        }

        // The status grain lives on the silos that stay; with none left there is no one to tell.
        if (AnotherSiloIsActive()) await ReportStatusQuietlyAsync();
    }

    /// <summary>
    /// One pass: scan the logs directory, then ship every file whose retry is due (all of them when
    /// <paramref name="includeCurrentHour"/>, the shutdown pass). Passes never overlap.
    /// </summary>
    public async Task<ShipPassSummary> ShipAsync(bool includeCurrentHour, CancellationToken cancellationToken)
    {
        await _passGate.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            LogScan scan;
            try
            {
                scan = _scanner.Scan(now, includeCurrentHour);
                _lastScanAt = now;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                _health.Failure(ArchiveErrorKind.LocalFile, e.GetType().Name, $"Scanning {_scanner.LogsDirectory} failed: {e.Message}", _archiver.Target);
                return ShipPassSummary.Nothing with { Backlog = _pending.Count };
            }

            _foreignEntries = scan.ForeignEntries;
            var ready = new HashSet<string>(scan.Ready.Count, StringComparer.Ordinal);
            foreach (var file in scan.Ready)
            {
                ready.Add(file.Path);
                _pending.TryAdd(file.Path, new PendingHourFile(file, now));
            }
            // The scan lists everything: a file it no longer finds ready is gone.
            foreach (var path in _pending.Keys)
            {
                if (!ready.Contains(path)) _pending.TryRemove(path, out _);
            }

            if (!includeCurrentHour && now < ArchiveRetryAt)
            {
                return new ShipPassSummary(scan.Ready.Count, 0, 0, 0, _pending.Count);
            }

            var due = _pending.Values
                .Where(p => includeCurrentHour || p.NextAttemptAt <= now)
                .OrderBy(p => p.File.Hour).ThenBy(p => p.File.Path, StringComparer.Ordinal)
                .ToList();

            int shipped = 0, failed = 0, attempted = 0;
            using var archiveDown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelShipments, CancellationToken = archiveDown.Token };
                await Parallel.ForEachAsync(due, parallel, async (pending, _) =>
                {
                    Interlocked.Increment(ref attempted);
                    var outcome = await ShipOneAsync(pending, includeCurrentHour, cancellationToken);
                    if (outcome == ShipOutcome.Shipped) Interlocked.Increment(ref shipped);
                    if (outcome is ShipOutcome.Failed or ShipOutcome.ArchiveDown) Interlocked.Increment(ref failed);
                    // The archive as a whole is failing: the other files wait for its back-off instead of each failing now.
                    if (outcome == ShipOutcome.ArchiveDown) await archiveDown.CancelAsync();
                });
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            foreach (var folder in scan.ReadyHourFolders) _scanner.TryRemoveEmptyFolder(folder);

            var summary = new ShipPassSummary(scan.Ready.Count, attempted, shipped, failed, _pending.Count);
            if (summary.Attempted > 0)
            {
                LogPass(summary.Found, summary.Shipped, summary.Failed, summary.Backlog);
                // The status shows the outcome now rather than at the next report.
                _ = ReportStatusQuietlyAsync();
            }
            return summary;
        }
        finally
        {
            _passGate.Release();
        }
    }

    /// <summary>Finished hour files on this silo's disk not yet confirmed, and the age of the oldest hour.</summary>
    public ArchiveBacklog Backlog()
    {
        var count = 0;
        DateTimeOffset? oldest = null;
        foreach (var pending in _pending.Values)
        {
            count++;
            if (oldest is null || pending.File.Hour < oldest) oldest = pending.File.Hour;
        }
        var age = oldest is null ? (TimeSpan?)null : _time.GetUtcNow() - oldest.Value.AddHours(1);
        return new ArchiveBacklog(count, oldest, age < TimeSpan.Zero ? TimeSpan.Zero : age);
    }

    public SiloArchiveStatus Status()
    {
        var backlog = Backlog();
        var health = _health.Snapshot();
        return new SiloArchiveStatus(
            _localSilo.SiloAddress.ToString(),
            _archiver.Target,
            backlog.Files,
            backlog.OldestHour,
            backlog.OldestAge,
            health.HoursShipped,
            health.LastSuccessAt,
            health.LastErrorKind,
            health.LastError,
            health.LastErrorAt,
            health.Failing,
            _foreignEntries,
            _time.GetUtcNow(),
            Environment.MachineName,
            _scanner.LogsDirectory);
    }

    /// <summary>Sends this silo's status to the cluster-wide archive status grain.</summary>
    public Task ReportStatusAsync() => _grains.ArchiveStatus().ReportAsync(Status());

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _passGate.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ShipAsync(includeCurrentHour: false, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A pass must never end the schedule: what it could not do, the next pass retries.
                LogPassFailed(e);
            }

            try
            {
                await Task.Delay(NextWakeUp(_time.GetUtcNow()), _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TimeSpan NextWakeUp(DateTimeOffset now)
    {
        var hourly = HourFileLayout.HourStart(now) + _options.ShipDelay;
        if (hourly <= now) hourly = hourly.AddHours(1);

        var next = hourly;
        var rescan = _lastScanAt + _options.RescanInterval;
        if (rescan < next) next = rescan;

        if (!_pending.IsEmpty)
        {
            var retry = _pending.Values.Min(p => p.NextAttemptAt);
            var archiveRetryAt = ArchiveRetryAt;
            if (retry < archiveRetryAt) retry = archiveRetryAt;
            if (retry < next) next = retry;
        }

        var delay = next - now;
        // Never spin: something due right now waits a second.
        return delay > TimeSpan.Zero ? delay : TimeSpan.FromSeconds(1);
    }

    private async Task ReportStatusQuietlyAsync()
    {
        try
        {
            await ReportStatusAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReportFailed(e.Message);
        }
    }

    private async Task ReportLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.StatusReportInterval, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await ReportStatusQuietlyAsync();
        }
    }

    private async Task<ShipOutcome> ShipOneAsync(PendingHourFile pending, bool shuttingDown, CancellationToken cancellationToken)
    {
        var file = pending.File;
        if (pending.Attempts > 0) _metrics.Retried();

        HourFileSnapshot snapshot;
        try
        {
            snapshot = await HourFileReader.ReadAsync(file.Path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            _pending.TryRemove(file.Path, out _);
            return ShipOutcome.Gone;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(pending, ArchiveErrorKind.LocalFile, e.GetType().Name, $"Reading {file.Path} failed: {e.Message}");
        }

        if (!pending.DropsReported && (snapshot.TornBytes > 0 || snapshot.InvalidLines > 0))
        {
            pending.DropsReported = true;
            if (snapshot.TornBytes > 0)
            {
                _metrics.Dropped(1, "torn");
                LogTornLine(file.Path, snapshot.TornBytes);
            }
            if (snapshot.InvalidLines > 0)
            {
                _metrics.Dropped(snapshot.InvalidLines, "invalid");
                LogInvalidLines(file.Path, snapshot.InvalidLines, snapshot.InvalidSample);
            }
        }

        if (snapshot.Part.LineCount > 0)
        {
            HourMergeResult result;
            try
            {
                result = await MergeAsync(file, snapshot.Part, shuttingDown, cancellationToken);
            }
            catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
            {
                result = HourMergeResult.Failed(ArchiveErrorKind.Cluster, e.GetType().Name, $"Calling the archive grain for {file.CloudId}/{HourFileLayout.HourStamp(file.Hour)} failed: {e.Message}");
            }

            if (!result.Confirmed)
            {
                return Fail(pending, result.ErrorKind, result.ErrorCode, result.Error ?? "unknown failure");
            }

            _health.Shipped();
            lock (_archiveLock) _archiveFailures = 0;
            LogShipped(file.Path, snapshot.Part.LineCount, result.AddedLines, result.ObjectLines);
        }

        // Delete only what was confirmed: a file that changed after it was read is shipped again.
        if (!HourFileReader.IsUnchanged(file.Path, snapshot))
        {
            LogChangedAfterRead(file.Path);
            pending.NextAttemptAt = _time.GetUtcNow();
            return ShipOutcome.Shipped;
        }

        try
        {
            File.Delete(file.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(pending, ArchiveErrorKind.LocalFile, e.GetType().Name, $"Deleting the shipped {file.Path} failed: {e.Message}");
        }

        _pending.TryRemove(file.Path, out _);
        return ShipOutcome.Shipped;
    }

    private Task<HourMergeResult> MergeAsync(HourFile file, HourPart part, bool shuttingDown, CancellationToken cancellationToken)
    {
        // When this silo is the last one standing, no grain can be activated anywhere: merge in-process,
        // still conditionally, rather than leave the partial hour behind.
        if (shuttingDown && !AnotherSiloIsActive())
        {
            LogMergingInProcess(file.Path);
            return _archiver.MergeAsync(file.CloudId, file.Hour, part, new HourWriteMemory(), cancellationToken);
        }
        return _grains.HourArchive(file.CloudId, file.Hour).MergeAsync(part);
    }

    private bool AnotherSiloIsActive() =>
        _membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(_localSilo.SiloAddress));

    private DateTimeOffset ArchiveRetryAt
    {
        get
        {
            lock (_archiveLock) return _archiveRetryAt;
        }
    }

    private ShipOutcome Fail(PendingHourFile pending, ArchiveErrorKind kind, string? code, string error)
    {
        _health.Failure(kind, code, error, _archiver.Target);
        var now = _time.GetUtcNow();
        pending.Attempts++;
        pending.NextAttemptAt = now + ShipBackoff.Delay(pending.Attempts, _options.RetryInitialDelay, _options.RetryMaxDelay);

        if (kind is not (ArchiveErrorKind.Transient or ArchiveErrorKind.Permanent or ArchiveErrorKind.StoreIo or ArchiveErrorKind.Cluster))
        {
            return ShipOutcome.Failed;
        }
        lock (_archiveLock)
        {
            _archiveFailures++;
            _archiveRetryAt = now + ShipBackoff.Delay(_archiveFailures, _options.RetryInitialDelay, _options.RetryMaxDelay);
        }
        return ShipOutcome.ArchiveDown;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping finished hours from {LogsDirectory} to {Target}, {ShipDelay} after each hour")]
    private partial void LogStarting(string logsDirectory, string target, TimeSpan shipDelay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping pass: {Found} hour files found, {Shipped} shipped, {Failed} failed, {Backlog} waiting")]
    private partial void LogPass(int found, int shipped, int failed, int backlog);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shipped {Path}: {Lines} lines, {Added} new, object now {ObjectLines} lines")]
    private partial void LogShipped(string path, int lines, int added, int objectLines);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} ends in a torn line ({Bytes} bytes without a newline, a crash mid-write); that line is dropped, the rest shipped")]
    private partial void LogTornLine(string path, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} has {Count} line(s) that are not valid records (first: {Sample}); they are dropped, the rest shipped")]
    private partial void LogInvalidLines(string path, int count, string? sample);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} changed after it was read for shipping; it is kept and shipped again")]
    private partial void LogChangedAfterRead(string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No other silo is active: {Path} is merged into the archive by this stopping silo itself")]
    private partial void LogMergingInProcess(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "A shipping pass failed unexpectedly; the next pass retries")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reporting the archive status failed: {Error}")]
    private partial void LogReportFailed(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo stop: {Shipped} hour files shipped, {Left} left on disk for the next start")]
    private partial void LogStopped(int shipped, int left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo stop: shipping stopped after {Timeout}; {Left} hour files stay on disk for the next start")]
    private partial void LogStopTimedOut(TimeSpan timeout, int left);
}

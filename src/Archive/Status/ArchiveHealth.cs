using Rainforest.Archive.Telemetry;
namespace Rainforest.Archive.Status;

/// <summary>
/// This silo's shipping health: last success, last error, hours shipped. Logs a failure when the kind of
/// failure changes (error level for what needs an operator), not once per file, and logs the recovery.
/// </summary>
public sealed partial class ArchiveHealth(TimeProvider time, ArchiveMetrics metrics, ILogger<ArchiveHealth> logger)
{
    private readonly Lock _lock = new();
    private ArchiveErrorKind _lastErrorKind;
    private string? _lastErrorCode;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private DateTimeOffset? _lastSuccessAt;
    private bool _failing;
    private long _failuresSinceChange;
    private long _hoursShipped;

    public void Failure(ArchiveErrorKind kind, string? code, string error, string target)
    {
        metrics.Failed(kind);
        bool changed;
        lock (_lock)
        {
            changed = !_failing || kind != _lastErrorKind || code != _lastErrorCode;
            _failing = true;
            _lastErrorKind = kind;
            _lastErrorCode = code;
            _lastError = error;
            _lastErrorAt = time.GetUtcNow();
            _failuresSinceChange = changed ? 1 : _failuresSinceChange + 1;
        }

        if (!changed)
        {
            LogStillFailing(kind, code, error);
        }
        else if (kind is ArchiveErrorKind.Transient or ArchiveErrorKind.Conflict or ArchiveErrorKind.Cluster)
        {
            LogTransient(kind, code, target, error);
        }
        else
        {
            LogNeedsOperator(kind, code, target, error);
        }
    }

    public void Shipped()
    {
        metrics.HourShipped();
        long recoveredAfter = 0;
        lock (_lock)
        {
            _hoursShipped++;
            _lastSuccessAt = time.GetUtcNow();
            if (_failing)
            {
                recoveredAfter = _failuresSinceChange;
                _failing = false;
            }
        }
        if (recoveredAfter > 0) LogRecovered(recoveredAfter);
    }

    public ArchiveHealthSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new ArchiveHealthSnapshot(_hoursShipped, _lastSuccessAt, _lastErrorKind, _lastError, _lastErrorAt, _failing);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Archive shipping to {Target} is failing ({Kind}, {Code}) and needs an operator; hour files stay on disk and are retried until it is fixed. {Error}")]
    private partial void LogNeedsOperator(ArchiveErrorKind kind, string? code, string target, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archive shipping to {Target} is failing ({Kind}, {Code}); hour files stay on disk and are retried with back-off. {Error}")]
    private partial void LogTransient(ArchiveErrorKind kind, string? code, string target, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Archive shipping still failing ({Kind}, {Code}): {Error}")]
    private partial void LogStillFailing(ArchiveErrorKind kind, string? code, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive shipping recovered after {Failures} failed attempts")]
    private partial void LogRecovered(long failures);
}

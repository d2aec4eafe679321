using Polly;
using Polly.CircuitBreaker;
using Rainforest.Domain.Resilience;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Rotation;

namespace Rainforest.Archive.Shipping;

/// <summary>
/// The archive as a whole (S3, the store, the cluster) failing, as opposed to one hour file: a Polly circuit
/// breaker around each archive call, so that while it is down the other files wait out one back-off instead
/// of each failing on its own. Breaks are <see cref="Backoff"/> long, growing with every failed probe.
/// </summary>
public sealed class ArchiveCircuit
{
    private readonly ResiliencePipeline<HourMergeResult> _pipeline;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;

    public ArchiveCircuit(IOptions<ArchiveOptions> options, TimeProvider time)
    {
        _time = time;
        var archive = options.Value;
        _pipeline = new ResiliencePipelineBuilder<HourMergeResult> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HourMergeResult>
            {
                // Polly's smallest window: two archive-wide failures in a row, no success between, break it.
                FailureRatio = 1.0,
                MinimumThroughput = 2,
                SamplingDuration = archive.RetryMaxDelay * 2,
                BreakDurationGenerator = args => ValueTask.FromResult(
                    Backoff.After(args.HalfOpenAttempts + 1, archive.RetryInitialDelay, archive.RetryMaxDelay)),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Confirmed: false } result && IsArchiveWide(result.ErrorKind)),
                OnOpened = args =>
                {
                    lock (_lock) _openUntil = _time.GetUtcNow() + args.BreakDuration;
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    lock (_lock) _openUntil = DateTimeOffset.MinValue;
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>When the open circuit lets a probe through; in the past while it is closed.</summary>
    public DateTimeOffset OpenUntil
    {
        get
        {
            lock (_lock) return _openUntil;
        }
    }

    public bool IsOpen => _time.GetUtcNow() < OpenUntil;

    /// <summary>
    /// Runs one archive call through the breaker; null when the circuit is open and the call was not made.
    /// <paramref name="bypass"/> (the stop pass) makes the call whatever the circuit says.
    /// </summary>
    public async Task<HourMergeResult?> CallAsync(Func<CancellationToken, Task<HourMergeResult>> call, bool bypass, CancellationToken cancellationToken)
    {
        if (bypass) return await call(cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(async token => await call(token), cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            return null;
        }
    }

    /// <summary>Failures of the archive itself rather than of the one file being shipped.</summary>
    public static bool IsArchiveWide(ArchiveErrorKind kind) =>
        kind is ArchiveErrorKind.Transient or ArchiveErrorKind.Permanent or ArchiveErrorKind.StoreIo or ArchiveErrorKind.Cluster;
}

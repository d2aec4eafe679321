using System.Globalization;
using Polly;
using Polly.Retry;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Stores;
using Rainforest.Archive.Telemetry;

namespace Rainforest.Archive.Rotation;

/// <summary>
/// The merge an hour's archive grain performs: read the object, add the part's lines, write it back
/// conditionally and confirmed. An object is never replaced by one with fewer lines; one that cannot be
/// read whole is first copied aside under <c>&lt;key&gt;.unreadable-&lt;time&gt;</c>.
/// </summary>
public sealed partial class HourArchiver
{
    private readonly IArchiveStore _store;
    private readonly ArchiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HourArchiver> _logger;
    private readonly ResiliencePipeline _pipeline;

    public HourArchiver(IArchiveStore store, IOptions<ArchiveOptions> options, TimeProvider time, ArchiveMetrics metrics, ILogger<HourArchiver> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        // A conflict (another writer got in between) or an unconfirmed write is retried at once with a
        // fresh read; everything else goes back to the shipper, which backs off per file.
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ArchiveStoreException>(e => e.Kind is ArchiveErrorKind.Conflict or ArchiveErrorKind.Integrity),
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    metrics.Retried();
                    LogRetrying(args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public string Target => _store.Target;

    public Task<HourMergeResult> MergeAsync(string cloudId, DateTimeOffset hourUtc, HourPart part, HourWriteMemory memory, CancellationToken cancellationToken) =>
        MergeAsync(cloudId, hourUtc, RecordKind.Demand, part, memory, cancellationToken);

    public async Task<HourMergeResult> MergeAsync(string cloudId, DateTimeOffset hourUtc, RecordKind kind, HourPart part, HourWriteMemory memory, CancellationToken cancellationToken)
    {
        var key = HourFileLayout.ObjectKey(_options.Prefix, cloudId, hourUtc, kind);
        var incoming = HourContent.FromPart(part);
        if (incoming is null)
        {
            return HourMergeResult.Failed(ArchiveErrorKind.Permanent, "MalformedPart", $"The part for {key} has lines and timestamps that do not pair up.");
        }

        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, token) => await state.self.MergeOnceAsync(state.key, state.kind, state.incoming, state.memory, token),
                (self: this, key, kind, incoming, memory),
                cancellationToken);
        }
        catch (ArchiveStoreException e)
        {
            return HourMergeResult.Failed(e.Kind, e.Code, e.Message);
        }
    }

    private async Task<HourMergeResult> MergeOnceAsync(string key, RecordKind kind, IReadOnlyList<HourLine> incoming, HourWriteMemory memory, CancellationToken cancellationToken)
    {
        var stored = await _store.ReadAsync(key, cancellationToken);

        IReadOnlyList<HourLine> existing = [];
        var mustWrite = false;
        if (stored is not null && memory.Unconfirmed is { } unconfirmed && unconfirmed.ETag == stored.ETag)
        {
            // The object is our own unconfirmed write: its intended lines are known, its bytes are not trusted.
            existing = unconfirmed.Lines;
            mustWrite = true;
        }
        else if (stored is not null)
        {
            var decoded = HourContent.Decode(stored.Content, kind);
            existing = decoded.Lines;
            if (!decoded.Intact)
            {
                var aside = $"{key}.unreadable-{_time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}";
                await _store.CopyAsync(key, aside, cancellationToken);
                LogKeptUnreadable(key, aside, decoded.Problem, decoded.Lines.Count);
                mustWrite = true;
            }
        }

        var merged = HourContent.Merge(existing, incoming);
        if (merged.AddedLines == 0 && !mustWrite)
        {
            memory.Unconfirmed = null;
            return new HourMergeResult(HourMergeOutcome.AlreadyArchived, merged.Lines.Count, 0, stored?.Content.LongLength ?? 0, ArchiveErrorKind.None, null, null);
        }

        var content = HourContent.Encode(merged.Lines);
        try
        {
            await _store.WriteAsync(key, content, stored?.ETag, cancellationToken);
        }
        catch (ArchiveStoreException e) when (e is { Kind: ArchiveErrorKind.Integrity, StoredETag: not null })
        {
            memory.Unconfirmed = new UnconfirmedWrite(e.StoredETag, merged.Lines);
            throw;
        }

        memory.Unconfirmed = null;
        LogWritten(key, merged.Lines.Count, merged.AddedLines, content.Length);
        return new HourMergeResult(HourMergeOutcome.Written, merged.Lines.Count, merged.AddedLines, content.Length, ArchiveErrorKind.None, null, null);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hour object write retried at once: {Reason}")]
    private partial void LogRetrying(string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Archive object {Key} could not be read whole ({Problem}); kept as {AsideKey} and rewritten with the {ReadableLines} readable lines plus the new ones")]
    private partial void LogKeptUnreadable(string key, string asideKey, string? problem, int readableLines);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Archived {Key}: {Lines} lines ({Added} new), {Bytes} bytes")]
    private partial void LogWritten(string key, int lines, int added, int bytes);
}

using Rainforest.Domain.HourFiles;

namespace Rainforest.Grains.Capture;

/// <summary>
/// When each enabled captured kind of one user is next due. A kind is due at the first successful demand poll and
/// then every <see cref="CaptureOptions.Every"/> after it was asked for, whatever the answer: a failing summation
/// or price request is not retried sooner, so it never adds load to a struggling gateway.
/// </summary>
public sealed class CaptureSchedule(CaptureOptions options)
{
    // Created at the first request: with captures off (the default) a user never asks.
    private Dictionary<RecordKind, DateTimeOffset>? _nextAt;

    public IReadOnlyList<RecordKind> Enabled { get; } = options is { Summation: false, Price: false } ? [] :
        [.. new[] { (options.Summation, RecordKind.Summation), (options.Price, RecordKind.Price) }.Where(k => k.Item1).Select(k => k.Item2)];

    /// <summary>The enabled kinds due at <paramref name="now"/>, the longest-waiting first.</summary>
    public IReadOnlyList<RecordKind> Due(DateTimeOffset now) =>
        [.. Enabled.Where(kind => NextAt(kind) <= now).OrderBy(NextAt)];

    public void Asked(RecordKind kind, DateTimeOffset at) => (_nextAt ??= [])[kind] = at + options.Every;

    private DateTimeOffset NextAt(RecordKind kind) =>
        _nextAt is not null && _nextAt.TryGetValue(kind, out var at) ? at : DateTimeOffset.MinValue;
}

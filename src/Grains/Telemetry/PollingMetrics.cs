using System.Diagnostics.Metrics;

namespace Rainforest.Grains.Telemetry;

/// <summary>The polling side's instruments (meter <c>Rainforest.Polling</c>).</summary>
public sealed class PollingMetrics
{
    public const string MeterName = "Rainforest.Polling";

    private readonly Counter<long> _polls;
    private readonly Counter<long> _linesWritten;
    private readonly Counter<long> _captures;
    private readonly Histogram<double> _lateness;
    private readonly Histogram<double> _duration;

    public PollingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _polls = meter.CreateCounter<long>("rainforest.polls", description: "Gateway polls by outcome: reading, or why no reading was logged");
        _linesWritten = meter.CreateCounter<long>("rainforest.lines_written", description: "Readings appended to hour files");
        _captures = meter.CreateCounter<long>("rainforest.captures", description: "Summation and price requests by kind and outcome: logged, failed or postponed");
        _lateness = meter.CreateHistogram<double>("rainforest.poll.lateness", unit: "ms",
            description: "How late a scheduled poll started against its slot");
        _duration = meter.CreateHistogram<double>("rainforest.poll.duration", unit: "ms",
            description: "Time from request to the reading logged or refused");
    }

    // One tag per outcome, built once and found by the outcome's value: a poll's metrics allocate nothing of their own.
    private static readonly KeyValuePair<string, object?>[] OutcomeTags = BuildOutcomeTags();

    public void Polled(PollErrorKind outcome, TimeSpan duration)
    {
        var tag = (uint)outcome < (uint)OutcomeTags.Length && OutcomeTags[(int)outcome].Value is not null
            ? OutcomeTags[(int)outcome]
            : OutcomeTag(outcome);
        _polls.Add(1, tag);
        if (_duration.Enabled) _duration.Record(duration.TotalMilliseconds, tag);
    }

    public void LineWritten() => _linesWritten.Add(1);

    /// <summary>A summation or price request: <paramref name="outcome"/> is <c>logged</c>, <c>postponed</c> or why it failed.</summary>
    public void Captured(string kind, string outcome) =>
        _captures.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));

    public void Started(TimeSpan lateness)
    {
        if (_lateness.Enabled) _lateness.Record(Math.Max(0, lateness.TotalMilliseconds));
    }

    private static KeyValuePair<string, object?> OutcomeTag(PollErrorKind outcome) =>
        new("outcome", outcome == PollErrorKind.None ? "reading" : outcome.ToString());

    private static KeyValuePair<string, object?>[] BuildOutcomeTags()
    {
        var kinds = Enum.GetValues<PollErrorKind>();
        var tags = new KeyValuePair<string, object?>[kinds.Max(kind => (int)kind) + 1];
        foreach (var kind in kinds) tags[(int)kind] = OutcomeTag(kind);
        return tags;
    }
}

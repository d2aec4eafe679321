using Rainforest.Domain.HourFiles;
using Rainforest.Eagle;
using Rainforest.Eagle.Local;

namespace Rainforest.Grains.Sources;

/// <summary>
/// A gateway's local API on the user's network. The meter found by device_list is remembered for the activation,
/// so a poll is a single device_query until the meter disappears.
/// </summary>
public sealed class LocalReadingSource(EagleLocalClient client, LocalGateway gateway) : IReadingSource, ICapturingSource
{
    private ulong? _meter;

    public async Task<RelayOutcome> ReadAsync(CancellationToken cancellationToken = default)
    {
        var poll = await client.GetInstantaneousDemandAsync(gateway, _meter, cancellationToken);
        _meter = poll.Meter;
        return poll.Outcome;
    }

    /// <summary>The summation or price variables of the meter the demand poll found (asked only after a reading).</summary>
    public Task<RelayOutcome> CaptureAsync(RecordKind kind, DateTimeOffset readAt, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _meter is { } meter
            ? client.CaptureAsync(gateway, meter, kind, readAt, timeout, cancellationToken)
            : Task.FromResult(RelayOutcome.Incomplete("the gateway's meter is not known yet"));
}

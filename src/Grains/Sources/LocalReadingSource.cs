using Rainforest.Eagle;
using Rainforest.Eagle.Local;

namespace Rainforest.Grains.Sources;

/// <summary>
/// A gateway's local API on the user's network. The meter found by device_list is remembered for the activation,
/// so a poll is a single device_query until the meter disappears.
/// </summary>
public sealed class LocalReadingSource(EagleLocalClient client, LocalGateway gateway) : IReadingSource
{
    private ulong? _meter;

    public async Task<RelayOutcome> ReadAsync(CancellationToken cancellationToken = default)
    {
        var poll = await client.GetInstantaneousDemandAsync(gateway, _meter, cancellationToken);
        _meter = poll.Meter;
        return poll.Outcome;
    }
}

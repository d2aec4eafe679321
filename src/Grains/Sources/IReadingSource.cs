using Rainforest.Eagle;

namespace Rainforest.Grains.Sources;

/// <summary>
/// Where one user's readings come from, as the user grain polls it on its schedule: one call per slot, one at a
/// time, every problem classified in the outcome. A pushed source (the gateway's Uploader) will hand its readings
/// to the grain instead and has nothing to poll.
/// </summary>
public interface IReadingSource
{
    Task<RelayOutcome> ReadAsync(CancellationToken cancellationToken = default);
}

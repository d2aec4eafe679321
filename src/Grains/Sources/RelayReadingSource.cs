using Rainforest.Domain.HourFiles;
using Rainforest.Eagle;

namespace Rainforest.Grains.Sources;

/// <summary>The EAGLE-100 cloud relay, asked with the account's e-mail and password.</summary>
public sealed class RelayReadingSource(EagleRelayClient relay, EagleCredentials credentials) : IReadingSource, ICapturingSource
{
    public Task<RelayOutcome> ReadAsync(CancellationToken cancellationToken = default) =>
        relay.GetInstantaneousDemandAsync(credentials, cancellationToken);

    public Task<RelayOutcome> CaptureAsync(RecordKind kind, DateTimeOffset readAt, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        relay.CaptureAsync(credentials, kind, readAt, timeout, cancellationToken);
}

using Rainforest.Domain.HourFiles;
using Rainforest.Eagle;

namespace Rainforest.Grains.Sources;

/// <summary>A polled source that can also be asked for a summation or price reading (see <c>Rainforest:Capture</c>).</summary>
public interface ICapturingSource
{
    /// <summary>One summation or price request, ended within <paramref name="timeout"/>; a success carries the record line.</summary>
    Task<RelayOutcome> CaptureAsync(RecordKind kind, DateTimeOffset readAt, TimeSpan timeout, CancellationToken cancellationToken = default);
}

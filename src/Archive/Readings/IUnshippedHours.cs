namespace Rainforest.Archive.Readings;

/// <summary>The hour files of one user's hour that are not shipped yet, wherever in the cluster they were logged.</summary>
public interface IUnshippedHours
{
    /// <summary>
    /// The complete lines of every part of the hour (one buffer per place that holds a part; a line ends in '\n').
    /// Throws <see cref="UnshippedHoursUnavailableException"/> when a place that may hold a part cannot answer.
    /// </summary>
    Task<IReadOnlyList<byte[]>> ReadAsync(string cloudId, DateTimeOffset hourUtc, RecordKind kind, CancellationToken cancellationToken);
}

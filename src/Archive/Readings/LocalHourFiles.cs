namespace Rainforest.Archive.Readings;

/// <summary>The hour files in this process's own logs directory: what one silo holds of an hour not shipped yet.</summary>
public sealed class LocalHourFiles(IOptions<LogsOptions> logs) : IUnshippedHours
{
    public async Task<IReadOnlyList<byte[]>> ReadAsync(string cloudId, DateTimeOffset hourUtc, RecordKind kind, CancellationToken cancellationToken)
    {
        // The Cloud ID becomes part of a path: only the canonical shape may get that far.
        if (!Rainforest.Domain.Users.CloudId.IsValid(cloudId)) throw new ArgumentException(Rainforest.Domain.Users.CloudId.Rule, nameof(cloudId));
        return [await LocalHourFile.ReadCompleteLinesAsync(HourFileLayout.LocalPath(logs.Value.Directory, cloudId, hourUtc, kind), cancellationToken)];
    }
}

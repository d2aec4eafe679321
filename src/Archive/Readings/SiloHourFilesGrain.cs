using Orleans.Placement;

namespace Rainforest.Archive.Readings;

/// <summary>Reads this silo's hour files for whoever asks; reentrant, since reads do not touch each other.</summary>
[OnSiloPlacement, Immovable, Reentrant]
public sealed class SiloHourFilesGrain(ILocalSiloDetails silo, LocalHourFiles files) : Grain, ISiloHourFilesGrain
{
    Task<byte[]> ISiloHourFilesGrain.ReadAsync(string cloudId, DateTimeOffset hourUtc) => ReadAsync(cloudId, hourUtc, RecordKind.Demand);

    Task<byte[]> ISiloHourFilesGrain.ReadAsync(string cloudId, DateTimeOffset hourUtc, string kind) =>
        ReadAsync(cloudId, hourUtc, RecordKind.Named(kind) ?? throw new ArgumentException($"'{kind}' is not a kind of reading.", nameof(kind)));

    private async Task<byte[]> ReadAsync(string cloudId, DateTimeOffset hourUtc, RecordKind kind)
    {
        // Answering for another silo would hand out this silo's files as if they were that one's.
        if (!string.Equals(this.GetPrimaryKeyString(), silo.SiloAddress.ToParsableString(), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The hour files of {this.GetPrimaryKeyString()} were asked of {silo.SiloAddress}.");
        }
        var parts = await files.ReadAsync(cloudId, hourUtc, kind, CancellationToken.None);
        return parts[0];
    }
}

using Orleans.Placement;

namespace Rainforest.Archive.Readings;

/// <summary>Reads this silo's hour files for whoever asks; reentrant, since reads do not touch each other.</summary>
[OnSiloPlacement, Immovable, Reentrant]
public sealed class SiloHourFilesGrain(ILocalSiloDetails silo, LocalHourFiles files) : Grain, ISiloHourFilesGrain
{
    async Task<byte[]> ISiloHourFilesGrain.ReadAsync(string cloudId, DateTimeOffset hourUtc)
    {
        // Answering for another silo would hand out this silo's files as if they were that one's.
        if (!string.Equals(this.GetPrimaryKeyString(), silo.SiloAddress.ToParsableString(), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The hour files of {this.GetPrimaryKeyString()} were asked of {silo.SiloAddress}.");
        }
        var parts = await files.ReadAsync(cloudId, hourUtc, CancellationToken.None);
        return parts[0];
    }
}

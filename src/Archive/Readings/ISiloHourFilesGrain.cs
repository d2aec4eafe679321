namespace Rainforest.Archive.Readings;

/// <summary>
/// One silo's hour files, asked from anywhere in the cluster (or from the standalone gateway). The key is the
/// silo's address (<see cref="SiloAddress.ToParsableString"/>) and <see cref="OnSiloPlacementAttribute"/> puts the
/// activation on exactly that silo, so asking every active silo's grain reaches every part of an hour not shipped yet.
/// </summary>
public interface ISiloHourFilesGrain : IGrainWithStringKey
{
    /// <summary>The complete lines of the user's hour file on this silo (at most one hour: ≤ 600 lines of ~250 bytes).</summary>
    Task<byte[]> ReadAsync(string cloudId, DateTimeOffset hourUtc);

    /// <summary>The complete lines of the user's hour file of <paramref name="kind"/> (<c>summation</c>, <c>price</c>) on this silo.</summary>
    Task<byte[]> ReadAsync(string cloudId, DateTimeOffset hourUtc, string kind);
}

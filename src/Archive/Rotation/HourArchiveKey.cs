using Rainforest.Domain.Users;

namespace Rainforest.Archive.Rotation;

/// <summary>The key of an hour's archive grain: <c>&lt;cloud_id&gt;/&lt;YYYY-MM-DD-HH&gt;</c>.</summary>
public static class HourArchiveKey
{
    public static string Format(string cloudId, DateTimeOffset hourUtc) => $"{cloudId}/{HourStamp.Of(hourUtc)}";

    public static bool TryParse(string key, out string cloudId, out DateTimeOffset hourUtc)
    {
        cloudId = string.Empty;
        hourUtc = default;
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return false;
        var id = key[..slash];
        if (!CloudId.IsCanonical(id)) return false;
        if (!HourStamp.TryParse(key[(slash + 1)..], out hourUtc)) return false;
        cloudId = id;
        return true;
    }

    public static IHourArchiveGrain HourArchive(this IGrainFactory grains, string cloudId, DateTimeOffset hourUtc) =>
        grains.GetGrain<IHourArchiveGrain>(Format(cloudId, hourUtc));
}

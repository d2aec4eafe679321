using Rainforest.Domain.Users;

namespace Rainforest.Archive.Rotation;

/// <summary>
/// The key of an hour's archive grain: <c>&lt;cloud_id&gt;/&lt;YYYY-MM-DD-HH&gt;</c> for the demand object, with
/// <c>/&lt;kind&gt;</c> added for a captured sibling (summation, price), so each object has its own single writer.
/// </summary>
public static class HourArchiveKey
{
    public static string Format(string cloudId, DateTimeOffset hourUtc) => Format(cloudId, hourUtc, RecordKind.Demand);

    public static string Format(string cloudId, DateTimeOffset hourUtc, RecordKind kind) => kind == RecordKind.Demand
        ? $"{cloudId}/{HourStamp.Of(hourUtc)}"
        : $"{cloudId}/{HourStamp.Of(hourUtc)}/{kind.Name}";

    public static bool TryParse(string key, out string cloudId, out DateTimeOffset hourUtc) =>
        TryParse(key, out cloudId, out hourUtc, out var kind) && kind == RecordKind.Demand;

    public static bool TryParse(string key, out string cloudId, out DateTimeOffset hourUtc, out RecordKind kind)
    {
        cloudId = string.Empty;
        hourUtc = default;
        kind = RecordKind.Demand;
        var parts = key.Split('/');
        if (parts.Length is < 2 or > 3) return false;
        if (!CloudId.IsCanonical(parts[0])) return false;
        if (!HourStamp.TryParse(parts[1], out hourUtc)) return false;
        if (parts.Length == 3)
        {
            // The demand object is only ever keyed without a kind: one name per object.
            if (RecordKind.Named(parts[2]) is not { } named || named == RecordKind.Demand) return false;
            kind = named;
        }
        cloudId = parts[0];
        return true;
    }

    public static IHourArchiveGrain HourArchive(this IGrainFactory grains, string cloudId, DateTimeOffset hourUtc) =>
        grains.HourArchive(cloudId, hourUtc, RecordKind.Demand);

    public static IHourArchiveGrain HourArchive(this IGrainFactory grains, string cloudId, DateTimeOffset hourUtc, RecordKind kind) =>
        grains.GetGrain<IHourArchiveGrain>(Format(cloudId, hourUtc, kind));
}

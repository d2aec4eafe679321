using System.Globalization;
using Rainforest.Domain.Users;

namespace Rainforest.Cli.Migration;

/// <summary>
/// Reads one user record of the 2015 system: the Redis key is the Cloud ID (leading zeros kept), the value the
/// JSON text of <c>cloud_id</c>, <c>user_email</c>, <c>user_pw</c>, <c>total_events_logged</c>,
/// <c>first_timestamp</c>, <c>last_timestamp</c> (Unix seconds, floats) and <c>active</c>. Python wrote these
/// records, so numbers may come as floats or strings and flags as <c>True</c>/<c>0</c>; what means the same is
/// accepted, anything else is refused with a reason an operator can act on.
/// </summary>
public static class OriginalRecord
{
    private const int MaxValueShown = 40;
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static bool TryParse(string key, string value, DateTimeOffset now, out OriginalUser? user, out string? reason)
    {
        user = null;
        if (!Domain.Users.CloudId.TryParse(key, out var cloudId))
        {
            reason = $"bad Cloud ID: the key \"{Shorten(key)}\" is not six hexadecimal digits";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value, Options);
        }
        catch (JsonException ex)
        {
            reason = $"unparseable value: not valid JSON at character {(ex.BytePositionInLine ?? 0) + 1}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reason = "unparseable value: not a JSON object";
                return false;
            }
            string? email = null, password = null;
            MigratedCounts? counters = null;
            reason = CheckCloudId(root, cloudId)
                ?? ReadText(root, "user_email", "missing e-mail", ref email)
                ?? ReadText(root, "user_pw", "missing password", ref password)
                ?? ReadCounters(root, now, ref counters);
            if (reason is not null) return false;

            user = new OriginalUser(key, cloudId.Value, email!.Trim(), password!, counters, IsActive(root));
            return true;
        }
    }

    // The key names the user; a value that names another one is a mix-up not to guess about.
    private static string? CheckCloudId(JsonElement root, CloudId key)
    {
        if (!root.TryGetProperty("cloud_id", out var property) || property.ValueKind == JsonValueKind.Null) return null;
        if (property.ValueKind != JsonValueKind.String) return "bad Cloud ID: cloud_id in the value is not text";
        var text = property.GetString()!;
        return Domain.Users.CloudId.TryParse(text.Trim(), out var inValue) && inValue == key
            ? null
            : $"bad Cloud ID: cloud_id \"{Shorten(text)}\" in the value does not match the key";
    }

    private static string? ReadText(JsonElement root, string name, string missing, ref string? value)
    {
        if (!root.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null) return $"{missing} ({name})";
        if (property.ValueKind != JsonValueKind.String) return $"{name} is not text";
        value = property.GetString()!;
        return string.IsNullOrWhiteSpace(value) ? $"{missing} ({name} is empty)" : null;
    }

    private static string? ReadCounters(JsonElement root, DateTimeOffset now, ref MigratedCounts? counters)
    {
        if (!TryNumber(root, "total_events_logged", out var total, out var reason)) return reason;
        if (total is not { } count || count == 0) return null; // nothing logged: no counters to keep
        if (count < 0 || count != Math.Floor(count) || count > long.MaxValue) return "total_events_logged is not a whole number of 0 or more";

        if (!TryNumber(root, "first_timestamp", out var first, out reason)) return reason;
        if (!TryNumber(root, "last_timestamp", out var last, out reason)) return reason;
        if (first is null || last is null) return $"total_events_logged is {count:0} but first_timestamp or last_timestamp is missing";
        if (first < 0 || last < 0) return "a timestamp is negative";
        var nowSeconds = now.ToUnixTimeMilliseconds() / 1000.0;
        if (first > nowSeconds || last > nowSeconds) return "a timestamp is in the future";
        if (first > last) return "first_timestamp is later than last_timestamp";

        counters = new MigratedCounts((long)count, first.Value, last.Value);
        return null;
    }

    // A JSON number, or a string holding one (Python's str() of a float); null or absent is "no value".
    private static bool TryNumber(JsonElement root, string name, out double? value, out string? reason)
    {
        value = null;
        reason = null;
        if (!root.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null) return true;
        if (property.ValueKind == JsonValueKind.Number && property.TryGetDouble(out var number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }
        if (property.ValueKind == JsonValueKind.String
            && double.TryParse(property.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }
        reason = $"{name} is not a number";
        return false;
    }

    // The original never read the flag; only a clear "no" counts as inactive.
    private static bool IsActive(JsonElement root)
    {
        if (!root.TryGetProperty("active", out var property)) return true;
        return property.ValueKind switch
        {
            JsonValueKind.False => false,
            JsonValueKind.Number => !(property.TryGetDouble(out var n) && n == 0),
            JsonValueKind.String => property.GetString()!.Trim().ToLowerInvariant() is not ("false" or "0" or "no" or ""),
            _ => true,
        };
    }

    private static string Shorten(string value) => value.Length <= MaxValueShown ? value : value[..MaxValueShown] + "…";
}

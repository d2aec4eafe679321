namespace Rainforest.Contracts;

/// <summary>
/// A gateway's Cloud ID: exactly six hexadecimal digits, leading zeros significant.
/// It names a user everywhere (grain key, file names, object keys), so it is checked at every edge
/// and stored in one canonical (lower-case) spelling.
/// </summary>
public static class CloudId
{
    public const int Length = 6;

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != Length) return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }

    /// <summary>The canonical spelling, or null when <paramref name="value"/> is not a Cloud ID.</summary>
    public static string? TryNormalize(string? value) => IsValid(value) ? value!.ToLowerInvariant() : null;

    public static string Normalize(string value) =>
        TryNormalize(value) ?? throw new ArgumentException("A Cloud ID is exactly six hexadecimal digits.", nameof(value));
}

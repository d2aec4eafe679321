namespace Rainforest.Simulator;

/// <summary>Cloud ID spelling rules of the simulator: keys are lower-case; automatic accounts need six hex digits.</summary>
internal static class CloudIds
{
    public const int MaxLength = 64;

    public static bool IsSixHex(string value)
    {
        if (value.Length != 6) return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }

    /// <summary>Explicit accounts may use any short id of letters, digits, '-', '_' or '.'.</summary>
    public static bool IsAcceptable(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength) return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.')) return false;
        }
        return true;
    }

    public static string Normalize(string value)
    {
        foreach (var c in value)
        {
            if (char.IsUpper(c)) return value.ToLowerInvariant();
        }
        return value;
    }

    public static string Require(string cloudId)
    {
        ArgumentNullException.ThrowIfNull(cloudId);
        if (!IsAcceptable(cloudId))
        {
            throw new ArgumentException("A simulated Cloud ID is 1-64 letters, digits, '-', '_' or '.'.", nameof(cloudId));
        }
        return Normalize(cloudId);
    }
}

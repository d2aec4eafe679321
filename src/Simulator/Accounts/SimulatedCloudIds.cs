using Rainforest.Domain.Users;

namespace Rainforest.Simulator.Accounts;

/// <summary>
/// Cloud ID spelling in the simulator: keys are lower-case; automatic accounts need a real <see cref="CloudId"/>,
/// while explicit test accounts may use any short id, so tests can name their fixtures.
/// </summary>
internal static class SimulatedCloudIds
{
    public const int MaxLength = 64;

    /// <summary>A real Cloud ID, the only kind an automatic account answers for.</summary>
    public static bool IsReal(string value) => CloudId.IsValid(value);

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

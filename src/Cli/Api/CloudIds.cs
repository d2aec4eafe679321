namespace Rainforest.Cli.Api;

/// <summary>
/// The server's rule for a Cloud ID (six hexadecimal digits, leading zeros kept, stored lower-case), checked
/// here too so an operator's typo fails before any request is sent.
/// </summary>
public static class CloudIds
{
    public const int Length = 6;

    public static bool IsValid(string? value) =>
        value is { Length: Length } && value.All(char.IsAsciiHexDigit);

    public static string? TryNormalize(string? value) => IsValid(value) ? value!.ToLowerInvariant() : null;
}

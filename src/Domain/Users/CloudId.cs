using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Rainforest.Domain.Users;

/// <summary>
/// A gateway's Cloud ID: exactly six hexadecimal digits, leading zeros significant. It names a user everywhere
/// (grain key, file names, object keys), so it is parsed at every edge and kept in one canonical, lower-case
/// spelling; <see cref="ToString"/> gives that spelling.
/// </summary>
public readonly record struct CloudId : IParsable<CloudId>
{
    public const int Length = 6;

    /// <summary>What a client is told when a value is not a Cloud ID.</summary>
    public const string Rule = "A Cloud ID is exactly six hexadecimal digits, e.g. 002506.";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly string? _value;

    private CloudId(string canonical) => _value = canonical;

    /// <summary>The canonical spelling (lower-case, six digits).</summary>
    public string Value => _value ?? throw new InvalidOperationException("An uninitialised CloudId has no value.");

    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is { Length: Length } && !value.AsSpan().ContainsAnyExcept(HexDigits);

    /// <summary>True only for the canonical spelling itself, e.g. for a grain key that must already be canonical.</summary>
    public static bool IsCanonical([NotNullWhen(true)] string? value) =>
        IsValid(value) && !value.AsSpan().ContainsAnyInRange('A', 'F');

    public static bool TryParse([NotNullWhen(true)] string? s, out CloudId result)
    {
        result = IsValid(s) ? new CloudId(s.ToLowerInvariant()) : default;
        return s is not null && result._value is not null;
    }

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CloudId result) =>
        TryParse(s, out result);

    public static CloudId Parse(string s) =>
        TryParse(s, out var id) ? id : throw new FormatException(Rule);

    public static CloudId Parse(string s, IFormatProvider? provider) => Parse(s);

    public override string ToString() => _value ?? string.Empty;
}

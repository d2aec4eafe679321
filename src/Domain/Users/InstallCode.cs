using System.Diagnostics.CodeAnalysis;

namespace Rainforest.Domain.Users;

/// <summary>
/// An EAGLE gateway's install code, printed on its label: 16 hexadecimal digits. It is the password of the local
/// API, so it is a secret: never echoed, logged or returned.
/// </summary>
public static class InstallCode
{
    public const int Length = 16;

    public const string Rule = "install_code must be exactly 16 hexadecimal digits.";

    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is { Length: Length } && value.All(char.IsAsciiHexDigit);
}

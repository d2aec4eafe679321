using System.Globalization;

namespace Rainforest.Domain.HourFiles;

/// <summary>The gateways' hex numbers as text: "0x00ab", "0XAB" or "ab", surrounding whitespace allowed.</summary>
public static class HexText
{
    public static bool TryParse(string? value, out ulong number)
    {
        number = 0;
        if (value is null) return false;
        var span = value.AsSpan().Trim();
        if (span.Length >= 2 && span[0] == '0' && (span[1] == 'x' || span[1] == 'X')) span = span[2..];
        if (span.IsEmpty) return false;
        foreach (var c in span)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return ulong.TryParse(span, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>The way the relay writes a number: <c>0x</c> and eight lower-case hex digits (more when needed).</summary>
    public static string Format(ulong number) => "0x" + number.ToString("x8", CultureInfo.InvariantCulture);
}

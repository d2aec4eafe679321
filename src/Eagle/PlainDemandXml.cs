namespace Rainforest.Eagle;

/// <summary>
/// Reads the common relay reply — a plain <c>&lt;InstantaneousDemand&gt;</c> element of simple child elements, in
/// ASCII — straight from its bytes, without decoding it to text or building an XML tree: every scheduled poll
/// gets such a reply, so this is the poll's parsing cost. Anything else (a declaration, comments, attributes,
/// entities, namespaces, an error, a missing, empty or non-hex value) is not read here and goes to
/// <see cref="RelayReplyParser"/>, whose answer for a reply read here would be the same reading.
/// </summary>
public static class PlainDemandXml
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> RootName => "InstantaneousDemand"u8;

    private static readonly byte[][] FieldNames = InstantaneousDemand.FieldNames.Select(Encoding.ASCII.GetBytes).ToArray();

    private const int SuppressLeadingZeroField = 8;

    /// <summary>The reading of a plain reply, or null when the reply must go through <see cref="RelayReplyParser"/>.</summary>
    /// <param name="charset">The Content-Type's charset: only an ASCII-compatible one (or none) is read here.</param>
    public static InstantaneousDemand? TryRead(ReadOnlySpan<byte> body, string? charset)
    {
        if (!IsAsciiCompatible(charset)) return null;
        if (body.StartsWith(Utf8Bom)) body = body[3..];
        var at = SkipSpace(body, 0);
        if (!TryOpenTag(body, ref at, out var root) || !Ascii.EqualsIgnoreCase(root, RootName)) return null;

        Span<ulong> numbers = stackalloc ulong[SuppressLeadingZeroField];
        ReadOnlySpan<byte> suppressLeadingZero = default;
        var seen = 0;
        while (true)
        {
            at = SkipSpace(body, at);
            if (at + 1 < body.Length && body[at] == '<' && body[at + 1] == '/') break;
            if (!TryOpenTag(body, ref at, out var name)) return null;
            var textStart = at;
            while (at < body.Length && body[at] != '<')
            {
                if (!IsPlainText(body[at])) return null;
                at++;
            }
            var text = body[textStart..at];
            if (!TryCloseTag(body, ref at, name)) return null;

            var field = FieldIndex(name);
            // The first occurrence of a field wins, as in RelayReplyParser.
            if (field < 0 || (seen & (1 << field)) != 0) continue;
            seen |= 1 << field;
            if (field == SuppressLeadingZeroField)
            {
                suppressLeadingZero = TrimSpace(text);
                // XML would turn a line break inside the value into "\n"; such a value is left to the full parser.
                if (suppressLeadingZero.IsEmpty || suppressLeadingZero.IndexOfAny((byte)'\r', (byte)'\n') >= 0) return null;
            }
            else if (!TryParseHex(text, out numbers[field]))
            {
                return null;
            }
        }

        if (!TryCloseTag(body, ref at, root) || SkipSpace(body, at) != body.Length) return null;
        if (seen != (1 << FieldNames.Length) - 1) return null;
        return new InstantaneousDemand(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6], numbers[7],
            TextOf(suppressLeadingZero));
    }

    /// <summary>"0x00ab", "0XAB" or "ab" with surrounding whitespace, as <see cref="RelayReplyParser.TryParseHex"/> reads it.</summary>
    internal static bool TryParseHex(ReadOnlySpan<byte> text, out ulong number)
    {
        number = 0;
        var digits = TrimSpace(text);
        if (digits.Length >= 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) digits = digits[2..];
        if (digits.IsEmpty) return false;
        var significant = 0;
        foreach (var b in digits)
        {
            var value = HexValue(b);
            if (value < 0) return false;
            if (significant == 0 && value == 0) continue;
            if (++significant > 16) return false;
            number = (number << 4) | (uint)value;
        }
        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    // "<Name>" with a plain name and nothing else inside the brackets.
    private static bool TryOpenTag(ReadOnlySpan<byte> body, ref int at, out ReadOnlySpan<byte> name)
    {
        name = default;
        if (at >= body.Length || body[at] != '<') return false;
        var start = at + 1;
        var end = start;
        while (end < body.Length && IsNameByte(body[end], end == start)) end++;
        if (end == start || end >= body.Length || body[end] != '>') return false;
        name = body[start..end];
        at = end + 1;
        return true;
    }

    // "</Name>" closing exactly the element opened (XML names are case-sensitive).
    private static bool TryCloseTag(ReadOnlySpan<byte> body, ref int at, ReadOnlySpan<byte> name)
    {
        var end = at + 2 + name.Length;
        if (end >= body.Length || body[at] != '<' || body[at + 1] != '/' || body[end] != '>'
            || !body.Slice(at + 2, name.Length).SequenceEqual(name))
        {
            return false;
        }
        at = end + 1;
        return true;
    }

    private static bool IsNameByte(byte b, bool first) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (byte)'_'
        || (!first && b is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.');

    // Printable ASCII and XML whitespace, minus what would make it markup ('&' entities, ']' of "]]>").
    private static bool IsPlainText(byte b) => b is (>= 0x20 and <= 0x7E) and not ((byte)'&' or (byte)']') || IsXmlSpace(b);

    private static bool IsXmlSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static int SkipSpace(ReadOnlySpan<byte> body, int at)
    {
        while (at < body.Length && IsXmlSpace(body[at])) at++;
        return at;
    }

    private static ReadOnlySpan<byte> TrimSpace(ReadOnlySpan<byte> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsXmlSpace(text[start])) start++;
        while (end > start && IsXmlSpace(text[end - 1])) end--;
        return text[start..end];
    }

    private static int FieldIndex(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < FieldNames.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(name, FieldNames[i])) return i;
        }
        return -1;
    }

    // The gateway sends "Y" or "N"; those two are shared rather than allocated per poll.
    private static string TextOf(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("Y"u8) ? "Y" : value.SequenceEqual("N"u8) ? "N" : Encoding.ASCII.GetString(value);

    private static bool IsAsciiCompatible(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset)) return true;
        var name = charset.AsSpan().Trim().Trim('"');
        return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || name.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)
            || name.Equals("iso-8859-1", StringComparison.OrdinalIgnoreCase);
    }
}

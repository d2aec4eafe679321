using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Rainforest.Eagle;

/// <summary>
/// Classifies a cloud relay reply body to get_instantaneous_demand. Tolerates what the field produces
/// (CRLF, BOM, missing or present declaration, any element order, extra elements, any letter case, values with or
/// without 0x, JSON mode with or without its outer braces) and never throws.
/// </summary>
public static partial class RelayReplyParser
{
    private const string DemandRoot = "InstantaneousDemand";
    private const string ErrorRoot = "Error";
    private const int MaxErrorText = 200;

    // DTDs prohibited and no resolver: a reply can never make us fetch or expand external entities.
    internal static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = 4 * RelayProtocol.MaxReplyBytes,
        CloseInput = true,
    };

    internal static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    public static RelayOutcome ParseInstantaneousDemand(string body)
    {
        body ??= string.Empty;
        var text = TrimNoise(body);
        if (text.Length == 0)
        {
            return RelayOutcome.Malformed("empty reply", body);
        }

        return text[0] switch
        {
            '<' => ParseXml(text, body),
            '{' => ParseJson(text, body),
            // JSON mode sometimes omits the outer braces: "InstantaneousDemand": {...}
            '"' => ParseJson("{" + text + "}", body),
            _ => RelayOutcome.Malformed("reply is neither XML nor JSON", body),
        };
    }

    internal static string TrimNoise(string body)
    {
        static bool IsNoise(char c) => char.IsWhiteSpace(c) || c == '\uFEFF' || c == '\0';

        var start = 0;
        var end = body.Length;
        while (start < end && IsNoise(body[start]))
        {
            start++;
        }

        while (end > start && IsNoise(body[end - 1]))
        {
            end--;
        }

        return body[start..end];
    }

    private static RelayOutcome ParseXml(string text, string body)
    {
        XElement? root;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), XmlSettings);
            root = XDocument.Load(reader).Root;
        }
        catch (XmlException ex)
        {
            return RelayOutcome.Malformed(
                $"invalid or truncated XML (line {ex.LineNumber}, position {ex.LinePosition})", body);
        }

        if (root is null)
        {
            return RelayOutcome.Malformed("XML reply has no root element", body);
        }

        var rootName = root.Name.LocalName;
        if (rootName.Equals(ErrorRoot, StringComparison.OrdinalIgnoreCase))
        {
            var errorText = string.Join(' ', root.DescendantNodes().OfType<XText>().Select(t => t.Value.Trim()).Where(t => t.Length > 0));
            return ClassifyError(errorText);
        }

        if (!rootName.Equals(DemandRoot, StringComparison.OrdinalIgnoreCase))
        {
            return RelayOutcome.Malformed($"unexpected root element <{TextPreview.Of(rootName, 40)}>", body);
        }

        // First occurrence wins; names are matched without regard to case or namespace.
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in root.Elements())
        {
            values.TryAdd(child.Name.LocalName, child.Value);
        }

        return BuildReading(values, body);
    }

    private static RelayOutcome ParseJson(string json, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(json, JsonOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return RelayOutcome.Malformed("JSON reply is not an object", body);
            }

            string? firstName = null;
            foreach (var member in root.EnumerateObject())
            {
                firstName ??= member.Name;
                if (member.Name.Equals(ErrorRoot, StringComparison.OrdinalIgnoreCase))
                {
                    return ClassifyError(JsonText(member.Value));
                }

                if (member.Name.Equals(DemandRoot, StringComparison.OrdinalIgnoreCase))
                {
                    return ReadJsonDemand(member.Value, body);
                }
            }

            return RelayOutcome.Malformed(
                firstName is null ? "JSON reply is empty" : $"unexpected JSON member \"{TextPreview.Of(firstName, 40)}\"",
                body);
        }
        catch (JsonException)
        {
            return RelayOutcome.Malformed("invalid or truncated JSON", body);
        }
    }

    private static RelayOutcome ReadJsonDemand(JsonElement demand, string body)
    {
        if (demand.ValueKind != JsonValueKind.Object)
        {
            return RelayOutcome.Malformed("JSON InstantaneousDemand is not an object", body);
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in demand.EnumerateObject())
        {
            switch (field.Value.ValueKind)
            {
                case JsonValueKind.String:
                    values.TryAdd(field.Name, field.Value.GetString());
                    break;
                case JsonValueKind.Null:
                    values.TryAdd(field.Name, null);
                    break;
                default:
                    // A bare JSON number is ambiguous (hex or decimal?), so a known field must be a string.
                    if (IsKnownField(field.Name))
                    {
                        return RelayOutcome.Malformed($"{field.Name} is a JSON {field.Value.ValueKind}, expected a string", body);
                    }

                    break;
            }
        }

        return BuildReading(values, body);
    }

    private static bool IsKnownField(string name) =>
        InstantaneousDemand.FieldNames.Any(f => f.Equals(name, StringComparison.OrdinalIgnoreCase));

    internal static string JsonText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString() ?? string.Empty;
            case JsonValueKind.Object:
                return string.Join(' ', element.EnumerateObject().Select(p => JsonText(p.Value)).Where(t => t.Length > 0));
            case JsonValueKind.Array:
                return string.Join(' ', element.EnumerateArray().Select(JsonText).Where(t => t.Length > 0));
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return string.Empty;
            default:
                return element.GetRawText();
        }
    }

    internal static RelayOutcome BuildReading(Dictionary<string, string?> values, string? body)
    {
        List<string>? missing = null;
        List<string>? empty = null;
        foreach (var name in InstantaneousDemand.FieldNames)
        {
            if (!values.TryGetValue(name, out var value))
            {
                (missing ??= []).Add(name);
            }
            else if (string.IsNullOrWhiteSpace(value))
            {
                (empty ??= []).Add(name);
            }
        }

        if (missing is not null || empty is not null)
        {
            var reason = (missing, empty) switch
            {
                (not null, null) => $"reply lacks {string.Join(", ", missing)}",
                (null, not null) => $"reply has no value for {string.Join(", ", empty)}",
                _ => $"reply lacks {string.Join(", ", missing!)} and has no value for {string.Join(", ", empty!)}",
            };
            return RelayOutcome.Incomplete(reason, body);
        }

        Span<ulong> numbers = stackalloc ulong[8];
        for (var i = 0; i < 8; i++)
        {
            var name = InstantaneousDemand.FieldNames[i];
            var raw = values[name]!;
            if (!TryParseHex(raw, out numbers[i]))
            {
                return RelayOutcome.Malformed(
                    $"{name} is not a 64-bit hex number: \"{TextPreview.Of(raw.Trim(), 40)}\"", body);
            }
        }

        return RelayOutcome.Success(new InstantaneousDemand(
            numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6], numbers[7],
            values[nameof(InstantaneousDemand.SuppressLeadingZero)]!.Trim()));
    }

    /// <summary>Parses "0x00ab", "0XAB" or "ab" (surrounding whitespace allowed) as an unsigned 64-bit number.</summary>
    public static bool TryParseHex(string? value, out ulong number)
    {
        number = 0;
        if (value is null)
        {
            return false;
        }

        var span = value.AsSpan().Trim();
        if (span.Length >= 2 && span[0] == '0' && (span[1] == 'x' || span[1] == 'X'))
        {
            span = span[2..];
        }

        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var c in span)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return ulong.TryParse(span, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number);
    }

    internal static RelayOutcome ClassifyError(string text)
    {
        var message = TextPreview.OneLine(text, MaxErrorText);
        if (message.Length == 0)
        {
            return RelayOutcome.RelayError("relay answered <Error> without a message");
        }

        return CredentialsWords().IsMatch(text)
            ? RelayOutcome.CredentialsRejected($"relay rejected the credentials: {message}")
            : RelayOutcome.RelayError($"relay error: {message}");
    }

    // The relay's wording is undocumented; these are the words an authentication failure is bound to use.
    [GeneratedRegex(@"authenticat|credential|password|user|log\s?-?in|unauthori[sz]ed",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialsWords();
}

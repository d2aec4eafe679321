using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Rainforest.Domain.HourFiles;
using Rainforest.Domain.Readings;

namespace Rainforest.Eagle;

/// <summary>
/// Reads a get_current_summation (root <c>CurrentSummation</c>) or get_price (root <c>PriceCluster</c>) reply
/// into its record line: the raw strings under the reply's own names, XML or JSON, any order and letter case,
/// like the demand parser. Only the value the kind is about must be a hex number; a missing TimeStamp becomes the
/// time of the request in the gateway's own count (seconds since 2000, hex). Never throws.
/// </summary>
public static class CapturedReading
{
    public static RelayOutcome Parse(string body, RecordKind kind, DateTimeOffset readAt)
    {
        body ??= string.Empty;
        // The Uploader's push envelope names the summation fragment CurrentSummationDelivered; same children.
        string[] roots = kind == RecordKind.Summation ? ["CurrentSummation", "CurrentSummationDelivered"] : ["PriceCluster"];
        var text = RelayReplyParser.TrimNoise(body);
        if (text.Length == 0) return RelayOutcome.Malformed("empty reply", body);

        Dictionary<string, string?>? values;
        RelayOutcome? refused;
        switch (text[0])
        {
            case '<': (values, refused) = ReadXml(text, body, roots); break;
            case '{': (values, refused) = ReadJson(text, body, roots); break;
            case '"': (values, refused) = ReadJson("{" + text + "}", body, roots); break;
            default: return RelayOutcome.Malformed("reply is neither XML nor JSON", body);
        }
        return refused ?? Build(values!, kind, readAt, body);
    }

    /// <summary>The field a reading of <paramref name="kind"/> is about: without it there is nothing to log.</summary>
    public static string ValueField(RecordKind kind) => kind == RecordKind.Summation ? "SummationDelivered" : "Price";

    private static RelayOutcome Build(Dictionary<string, string?> values, RecordKind kind, DateTimeOffset readAt, string body)
    {
        var valueField = ValueField(kind);
        if (!values.TryGetValue(valueField, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return RelayOutcome.Incomplete($"reply has no value for {valueField}", body);
        }
        if (!HexText.TryParse(value, out _))
        {
            return RelayOutcome.Malformed($"{valueField} is not a 64-bit hex number: \"{TextPreview.Of(value.Trim(), 40)}\"", body);
        }

        var line = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in kind.Format.Fields)
        {
            line[field.Name] = values.TryGetValue(field.Name, out var raw) && raw is not null ? raw.Trim() : string.Empty;
        }
        if (!HexText.TryParse(line["TimeStamp"], out _))
        {
            // get_price replies may come without a time; the record still needs one to be ordered by.
            var seconds = (ulong)Math.Max(0, (long)(readAt - GatewayDemand.Epoch).TotalSeconds);
            line["TimeStamp"] = HexText.Format(seconds);
        }
        return RelayOutcome.Captured(kind.Format.WriteText(line));
    }

    private static (Dictionary<string, string?>?, RelayOutcome?) ReadXml(string text, string body, string[] rootNames)
    {
        XElement? root;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), RelayReplyParser.XmlSettings);
            root = XDocument.Load(reader).Root;
        }
        catch (XmlException ex)
        {
            return (null, RelayOutcome.Malformed($"invalid or truncated XML (line {ex.LineNumber}, position {ex.LinePosition})", body));
        }
        if (root is null) return (null, RelayOutcome.Malformed("XML reply has no root element", body));

        var name = root.Name.LocalName;
        if (name.Equals("Error", StringComparison.OrdinalIgnoreCase))
        {
            var errorText = string.Join(' ', root.DescendantNodes().OfType<XText>().Select(t => t.Value.Trim()).Where(t => t.Length > 0));
            return (null, RelayReplyParser.ClassifyError(errorText));
        }
        if (!rootNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return (null, RelayOutcome.Malformed($"unexpected root element <{TextPreview.Of(name, 40)}>", body));
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in root.Elements()) values.TryAdd(child.Name.LocalName, child.Value);
        return (values, null);
    }

    private static (Dictionary<string, string?>?, RelayOutcome?) ReadJson(string json, string body, string[] rootNames)
    {
        try
        {
            using var document = JsonDocument.Parse(json, RelayReplyParser.JsonOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, RelayOutcome.Malformed("JSON reply is not an object", body));
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Name.Equals("Error", StringComparison.OrdinalIgnoreCase))
                {
                    return (null, RelayReplyParser.ClassifyError(RelayReplyParser.JsonText(member.Value)));
                }
                if (!rootNames.Contains(member.Name, StringComparer.OrdinalIgnoreCase)) continue;
                if (member.Value.ValueKind != JsonValueKind.Object) return (null, RelayOutcome.Malformed($"JSON {member.Name} is not an object", body));

                var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (var field in member.Value.EnumerateObject())
                {
                    // Every value is a string in JSON mode; anything else is kept as its JSON text.
                    values.TryAdd(field.Name, field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : field.Value.GetRawText());
                }
                return (values, null);
            }
            return (null, RelayOutcome.Malformed($"JSON reply has no {rootNames[0]}", body));
        }
        catch (JsonException)
        {
            return (null, RelayOutcome.Malformed("invalid or truncated JSON", body));
        }
    }
}

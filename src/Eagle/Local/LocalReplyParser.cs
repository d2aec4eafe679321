using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Rainforest.Eagle.Local;

/// <summary>
/// Reads EAGLE-200 / EAGLE-3 local API replies. Tolerates what firmware varies in: units in their own element or
/// inline in the value, a negative demand wrapped to unsigned, any letter case, extra elements; every value empty
/// while the meter is not delivering is its own outcome, never a zero. Never throws.
/// </summary>
public static partial class LocalReplyParser
{
    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = 4 * RelayProtocol.MaxReplyBytes,
        CloseInput = true,
    };

    /// <summary>
    /// The connected electric meter of a device_list reply. A stale meter (not connected, or LastContact 0) is
    /// skipped; so is a device that says it is something other than an electric meter.
    /// </summary>
    public static (ulong? Meter, RelayOutcome? Failure) ParseDeviceList(string body)
    {
        if (Load(body, "DeviceList", out var root) is { } failure) return (null, failure);
        var listed = 0;
        foreach (var device in Children(root!, "Device"))
        {
            listed++;
            if (!RelayReplyParser.TryParseHex(Value(device, "HardwareAddress"), out var address)) continue;
            var model = Value(device, "ModelId");
            if (!string.IsNullOrWhiteSpace(model) && !model.Contains("electric", StringComparison.OrdinalIgnoreCase)) continue;
            if (!IsConnected(Value(device, "ConnectionStatus"))) continue;
            if (!RelayReplyParser.TryParseHex(Value(device, "LastContact"), out var lastContact) || lastContact == 0) continue;
            return (address, null);
        }

        return (null, RelayOutcome.MeterNotDelivering(listed == 0
            ? "the gateway lists no devices"
            : $"the gateway lists {listed} device(s) but no connected electric meter"));
    }

    /// <summary>
    /// The reading of a device_query reply for <paramref name="meter"/>. An &lt;Error&gt; reply comes back as
    /// <see cref="RelayOutcomeKind.RelayError"/>: the meter may have gone, so the caller lists again.
    /// </summary>
    public static RelayOutcome ParseDeviceQuery(string body, ulong meter)
    {
        if (Load(body, "Device", out var root) is { } failure) return failure;
        var details = Children(root!, "DeviceDetails").FirstOrDefault();
        if (details is null) return RelayOutcome.Incomplete("reply lacks DeviceDetails", body);

        var variable = root!.Descendants()
            .Where(e => e.Name.LocalName.Equals("Variable", StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault(v => string.Equals(Value(v, "Name")?.Trim(), LocalApiProtocol.DemandVariable, StringComparison.OrdinalIgnoreCase));
        if (variable is null) return RelayOutcome.Incomplete($"reply lacks the {LocalApiProtocol.DemandVariable} variable", body);

        var value = Value(variable, "Value")?.Trim();
        if (string.IsNullOrEmpty(value)) return RelayOutcome.MeterNotDelivering("the gateway reports no demand value: the meter is not delivering readings");

        var match = DecimalValue().Match(value);
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var kilowatts))
        {
            return RelayOutcome.Malformed($"demand value \"{TextPreview.Of(value, 40)}\" is not a number", body);
        }

        var units = match.Groups["units"].Success ? match.Groups["units"].Value : Value(variable, "Units")?.Trim();
        if (!string.IsNullOrEmpty(units) && !units.Equals("kW", StringComparison.OrdinalIgnoreCase))
        {
            return RelayOutcome.Malformed($"demand in unknown units \"{TextPreview.Of(units, 20)}\"", body);
        }

        var meterMac = RelayReplyParser.TryParseHex(Value(details, "HardwareAddress"), out var reported) ? reported : meter;
        // The gateway's own MAC, where the firmware names it; otherwise 0, as no reply carries it elsewhere.
        var deviceMac = RelayReplyParser.TryParseHex(Value(details, "NetworkInterface"), out var gateway) ? gateway : 0UL;
        if (!RelayReplyParser.TryParseHex(Value(details, "LastContact"), out var lastContact))
        {
            return RelayOutcome.Incomplete("reply has no LastContact", body);
        }

        return LocalDemand.TryCreate(deviceMac, meterMac, lastContact, kilowatts, out var reading)
            ? RelayOutcome.Success(reading)
            : RelayOutcome.Incomplete($"reading at LastContact 0x{lastContact:x8} of {kilowatts} kW cannot be recorded", body);
    }

    internal static RelayOutcome? Load(string body, string expectedRoot, out XElement? root)
    {
        root = null;
        var text = (body ?? string.Empty).Trim().TrimStart('\uFEFF');
        if (text.Length == 0) return RelayOutcome.Malformed("empty reply", body);
        if (text[0] != '<') return RelayOutcome.Malformed("reply is not XML", body);
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), XmlSettings);
            root = XDocument.Load(reader).Root;
        }
        catch (XmlException ex)
        {
            return RelayOutcome.Malformed($"invalid or truncated XML (line {ex.LineNumber}, position {ex.LinePosition})", body);
        }

        if (root is null) return RelayOutcome.Malformed("XML reply has no root element", body);
        var name = root.Name.LocalName;
        if (name.Equals("Error", StringComparison.OrdinalIgnoreCase))
        {
            var message = TextPreview.OneLine(string.Join(' ', root.DescendantNodes().OfType<XText>().Select(t => t.Value.Trim()).Where(t => t.Length > 0)), 200);
            return RelayOutcome.RelayError(message.Length == 0 ? "gateway answered <Error> without a message" : $"gateway error: {message}");
        }

        return name.Equals(expectedRoot, StringComparison.OrdinalIgnoreCase)
            ? null
            : RelayOutcome.Malformed($"unexpected root element <{TextPreview.Of(name, 40)}>", body);
    }

    internal static IEnumerable<XElement> Children(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase));

    internal static string? Value(XElement parent, string name) => Children(parent, name).FirstOrDefault()?.Value;

    private static bool IsConnected(string? status) =>
        status is not null && status.Trim().Equals("Connected", StringComparison.OrdinalIgnoreCase);

    // "2.790000", "21.499 kW", "-3.712", "4294963.584000"
    [GeneratedRegex(@"^(?<number>[+-]?\d{1,12}(?:\.\d{1,12})?)\s*(?<units>[A-Za-z]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalValue();
}

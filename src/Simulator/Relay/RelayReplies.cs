namespace Rainforest.Simulator.Relay;

/// <summary>The relay's reply bodies, byte for byte: CRLF line endings, two-space indent, no XML declaration.</summary>
internal static class RelayReplies
{
    public const string ContentType = "text/html";

    public static readonly byte[] AuthFailed = Encode(
        "<Error>\r\n  <Text>Authentication failed: invalid user or password</Text>\r\n</Error>\r\n");

    public static readonly byte[] UnknownCommand = Encode("<Error>\r\n  <Text>Unknown command</Text>\r\n</Error>\r\n");

    public static readonly byte[] Unavailable = Encode("Service Unavailable\r\n");

    /// <summary>What a misbehaving proxy in front of the relay serves, with status 200.</summary>
    public static readonly byte[] HtmlErrorPage = Encode(
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
        "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");

    public static readonly byte[] CommandFailed = Encode("<Error>\r\n  <Text>Command failed: no price published by the meter</Text>\r\n</Error>\r\n");

    public static byte[] Reading(DemandReading reading, bool json, bool withDemand) =>
        Encode(json ? Json(reading, withDemand) : Xml(reading, withDemand));

    public static byte[] Summation(SummationReading r, bool json) => Encode(Reply("CurrentSummation", json,
    [
        ("DeviceMacId", $"0x{r.DeviceMacId:x16}"),
        ("MeterMacId", $"0x{r.MeterMacId:x16}"),
        ("TimeStamp", $"0x{r.TimeStamp:x8}"),
        ("SummationDelivered", $"0x{r.Delivered:x8}"),
        ("SummationReceived", $"0x{r.Received:x8}"),
        ("Multiplier", "0x00000001"),
        ("Divisor", "0x000003e8"),
        ("DigitsRight", "0x01"),
        ("DigitsLeft", "0x06"),
        ("SuppressLeadingZero", "Y"),
    ]));

    public static byte[] Price(PriceReading r, bool json) => Encode(Reply("PriceCluster", json,
    [
        ("DeviceMacId", $"0x{r.DeviceMacId:x16}"),
        ("MeterMacId", $"0x{r.MeterMacId:x16}"),
        ("TimeStamp", $"0x{r.TimeStamp:x8}"),
        ("Price", $"0x{r.Price:x8}"),
        ("Currency", "0x0348"),
        ("TrailingDigits", "0x02"),
        ("Tier", $"0x{r.Tier:x2}"),
        ("RateLabel", $"Block {r.Tier}"),
    ]));

    private static string Reply(string root, bool json, IReadOnlyList<(string Name, string Value)> fields)
    {
        var builder = new StringBuilder(480);
        if (json)
        {
            builder.Append("{\"").Append(root).Append("\": {\r\n");
            builder.AppendJoin(",\r\n", fields.Select(f => $"  \"{f.Name}\": \"{f.Value}\""));
            return builder.Append("\r\n}}\r\n").ToString();
        }
        builder.Append('<').Append(root).Append(">\r\n");
        foreach (var (name, value) in fields) builder.Append("  <").Append(name).Append('>').Append(value).Append("</").Append(name).Append(">\r\n");
        return builder.Append("</").Append(root).Append(">\r\n").ToString();
    }

    /// <summary>Cut at 60% of the bytes: inside an element, and always before the root closes.</summary>
    public static byte[] Truncate(byte[] reply) => reply[..(reply.Length * 3 / 5)];

    public static byte[] RandomBytes(ulong seed)
    {
        var bytes = new byte[64 + (int)(seed % 192)];
        var state = seed;
        for (var i = 0; i < bytes.Length; i += 8)
        {
            state = StableHash.Mix(state);
            BitConverter.TryWriteBytes(bytes.AsSpan(i, Math.Min(8, bytes.Length - i)), state);
        }
        bytes[0] = 0xff; // never mistakable for markup
        return bytes;
    }

    /// <summary>The reading's InstantaneousDemand fragment, as an Uploader wraps it in its envelope.</summary>
    public static string XmlFragment(DemandReading reading) => Xml(reading, withDemand: true);

    private static string Xml(DemandReading r, bool withDemand)
    {
        var builder = new StringBuilder(420);
        builder.Append("<InstantaneousDemand>\r\n");
        foreach (var (name, value) in Fields(r, withDemand))
        {
            builder.Append("  <").Append(name).Append('>').Append(value).Append("</").Append(name).Append(">\r\n");
        }
        builder.Append("</InstantaneousDemand>\r\n");
        return builder.ToString();
    }

    private static string Json(DemandReading r, bool withDemand)
    {
        var builder = new StringBuilder(420);
        builder.Append("{\"InstantaneousDemand\": {\r\n");
        var first = true;
        foreach (var (name, value) in Fields(r, withDemand))
        {
            if (!first) builder.Append(",\r\n");
            builder.Append("  \"").Append(name).Append("\": \"").Append(value).Append('"');
            first = false;
        }
        builder.Append("\r\n}}\r\n");
        return builder.ToString();
    }

    private static IEnumerable<(string Name, string Value)> Fields(DemandReading r, bool withDemand)
    {
        yield return ("DeviceMacId", $"0x{r.DeviceMacId:x16}");
        yield return ("MeterMacId", $"0x{r.MeterMacId:x16}");
        yield return ("TimeStamp", $"0x{r.TimeStamp:x8}");
        if (withDemand) yield return ("Demand", $"0x{r.Demand:x6}");
        yield return ("Multiplier", "0x00000001");
        yield return ("Divisor", "0x000003e8");
        yield return ("DigitsRight", "0x03");
        yield return ("DigitsLeft", "0x06");
        yield return ("SuppressLeadingZero", "Y");
    }

    private static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);
}

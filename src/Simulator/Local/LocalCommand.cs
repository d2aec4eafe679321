using System.Xml.Linq;

namespace Rainforest.Simulator.Local;

/// <summary>A parsed local API request: <c>&lt;Command&gt;&lt;Name&gt;device_query&lt;/Name&gt;&lt;DeviceDetails&gt;&lt;HardwareAddress&gt;…</c>.</summary>
internal sealed record LocalCommand(string Name, ulong? HardwareAddress)
{
    /// <summary>The variable names a device_query asks for (empty when it asks for none by name).</summary>
    public IReadOnlyList<string> Variables { get; init; } = [];

    public bool Asks(string variable) => Variables.Contains(variable, StringComparer.OrdinalIgnoreCase);

    public const string DeviceList = "device_list";
    public const string DeviceQuery = "device_query";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = 64 * 1024,
    };

    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the body is not a readable command.</summary>
    public static LocalCommand? TryParse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty) return null;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            var root = XDocument.Load(reader).Root;
            if (root is null || !Named(root, "Command")) return null;
            var name = root.Elements().FirstOrDefault(e => Named(e, "Name"))?.Value.Trim();
            var address = root.Descendants().FirstOrDefault(e => Named(e, "HardwareAddress"))?.Value.Trim();
            ulong? hardware = address is not null && address.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && ulong.TryParse(address.AsSpan(2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var parsed) ? parsed : null;
            var variables = root.Descendants().Where(e => Named(e, "Variable"))
                .Select(v => v.Elements().FirstOrDefault(e => Named(e, "Name"))?.Value.Trim() ?? "").Where(n => n.Length > 0).ToList();
            return string.IsNullOrEmpty(name) ? null : new LocalCommand(name, hardware) { Variables = variables };
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static bool Named(XElement element, string name) => string.Equals(element.Name.LocalName, name, StringComparison.OrdinalIgnoreCase);
}

namespace Rainforest.Simulator.Relay;

/// <summary>A parsed relay request body: <c>&lt;Command&gt;&lt;Name&gt;…&lt;/Name&gt;[&lt;Format&gt;JSON&lt;/Format&gt;]&lt;/Command&gt;</c>.</summary>
internal sealed record RelayCommand(string Name, bool Json)
{
    public const string InstantaneousDemand = "get_instantaneous_demand";
    public const string CurrentSummation = "get_current_summation";
    public const string Price = "get_price";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = 64 * 1024,
    };

    public bool IsInstantaneousDemand => string.Equals(Name, InstantaneousDemand, StringComparison.OrdinalIgnoreCase);

    public bool IsCurrentSummation => string.Equals(Name, CurrentSummation, StringComparison.OrdinalIgnoreCase);

    public bool IsPrice => string.Equals(Name, Price, StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the body is not a readable command (element names compared case-insensitively).</summary>
    public static RelayCommand? TryParse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty) return null;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            if (reader.MoveToContent() != XmlNodeType.Element || !Is(reader, "Command") || reader.IsEmptyElement) return null;

            string? name = null;
            var json = false;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                }
                else if (Is(reader, "Name"))
                {
                    name = reader.ReadElementContentAsString().Trim();
                }
                else if (Is(reader, "Format"))
                {
                    json = string.Equals(reader.ReadElementContentAsString().Trim(), "JSON", StringComparison.OrdinalIgnoreCase);
                }
                else
                {
                    reader.Skip(); // MacId and anything else: accepted and ignored
                }
            }
            return string.IsNullOrEmpty(name) ? null : new RelayCommand(name, json);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static bool Is(XmlReader reader, string name) => string.Equals(reader.LocalName, name, StringComparison.OrdinalIgnoreCase);
}

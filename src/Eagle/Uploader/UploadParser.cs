using System.Xml;
using Rainforest.Domain.HourFiles;

namespace Rainforest.Eagle.Uploader;

/// <summary>
/// Reads what a gateway's Uploader posts: <c>&lt;rainforest macId="0x…" timestamp="…s"&gt;</c> wrapping the relay's
/// XML fragments (InstantaneousDemand, CurrentSummationDelivered, PriceCluster, NetworkInfo …), element and attribute
/// names in any letter case. Every InstantaneousDemand becomes a reading with the relay's hex fields; every
/// CurrentSummationDelivered (or CurrentSummation) and PriceCluster is read by <see cref="CapturedReading"/> into the
/// relay's captured record line, where a fragment without a readable value is kept as a failure and never refuses
/// the envelope (its demand readings still count); the other fragments are skipped. Streamed with DTDs prohibited and no resolver, so an upload can never fetch or expand an
/// entity, and nested no deeper than a real envelope. An envelope is taken whole or refused whole. Never throws
/// for any input; a refusal's reason quotes no input beyond a short escaped preview.
/// </summary>
public static class UploadParser
{
    /// <summary>The largest body the upload route reads; a real envelope is well under a kilobyte.</summary>
    public const int MaxUploadBytes = 64 * 1024;

    /// <summary>More readings than this in one envelope is not a gateway catching up but a flood.</summary>
    public const int MaxReadingsPerUpload = 100;

    private const string EnvelopeName = "rainforest";
    private const string DemandName = "InstantaneousDemand";
    private const int MaxDepth = 8;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        // Zero would mean "unlimited"; with DTDs prohibited no entity can be declared, and this bounds it anyway.
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = MaxUploadBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>Parses <paramref name="body"/>; a captured fragment without a TimeStamp is given <paramref name="receivedAt"/>.</summary>
    public static UploadParse Parse(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            return ReadEnvelope(reader, receivedAt);
        }
        catch (XmlException ex)
        {
            return UploadParse.Refused($"invalid or truncated XML (line {ex.LineNumber}, position {ex.LinePosition})");
        }
        catch (Exception ex) when (ex is DecoderFallbackException or ArgumentException or InvalidOperationException)
        {
            return UploadParse.Refused("the body is not text XML");
        }
    }

    private static UploadParse ReadEnvelope(XmlReader reader, DateTimeOffset receivedAt)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || !Is(reader.LocalName, EnvelopeName))
        {
            return UploadParse.Refused("the body is not a <rainforest> envelope");
        }
        string? macText = null;
        while (reader.MoveToNextAttribute())
        {
            if (Is(reader.LocalName, "macId")) macText ??= reader.Value;
        }
        reader.MoveToElement();
        if (!RelayReplyParser.TryParseHex(macText, out var macId))
        {
            return UploadParse.Refused(macText is null ? "the envelope has no macId" : "the envelope's macId is not a hex number");
        }

        var demands = new List<InstantaneousDemand>();
        var captured = new List<UploadedCapture>();
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    // Loose text between fragments is ignored, like the relay's whitespace.
                    if (!reader.Read()) return UploadParse.Refused("the envelope is not closed");
                    continue;
                }
                if (CapturedKind(reader.LocalName) is { } kind)
                {
                    if (captured.Count == MaxReadingsPerUpload) return UploadParse.Refused($"more than {MaxReadingsPerUpload} summation or price fragments in one upload");
                    // The fragment's own XML, read by the same parser as a polled reply: no second copy of its fields' rules.
                    // Ill-formed XML throws here and refuses the envelope; a fragment that is merely incomplete does not.
                    var fragment = reader.ReadOuterXml();
                    captured.Add(new UploadedCapture(kind, CapturedReading.Parse(fragment, kind, receivedAt)));
                    continue;
                }
                if (!Is(reader.LocalName, DemandName))
                {
                    reader.Skip();
                    continue;
                }
                if (demands.Count == MaxReadingsPerUpload) return UploadParse.Refused($"more than {MaxReadingsPerUpload} readings in one upload");
                var demand = ReadDemand(reader);
                if (demand.Reason is not null) return UploadParse.Refused(demand.Reason);
                demands.Add(demand.Reading!);
            }
        }
        // Whatever follows the envelope must be nothing but whitespace; the reader throws on a second root.
        while (reader.Read())
        {
        }
        return new UploadParse(macId, demands, captured, null);
    }

    // Positioned on <InstantaneousDemand>; leaves the reader after its end tag.
    private static (InstantaneousDemand? Reading, string? Reason) ReadDemand(XmlReader reader)
    {
        var depth = reader.Depth;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            reader.Read();
            while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.Depth > MaxDepth) return (null, "the upload is nested too deeply");
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
                {
                    var name = reader.LocalName;
                    // Throws (refused as malformed) when a field holds elements instead of text.
                    var value = reader.ReadElementContentAsString();
                    values.TryAdd(name, value);
                    continue;
                }
                if (!reader.Read()) return (null, "the InstantaneousDemand fragment is not closed");
            }
            reader.Read();
        }

        var outcome = RelayReplyParser.BuildReading(values, null);
        if (!outcome.IsReading) return (null, "InstantaneousDemand: " + outcome.Detail);
        return (outcome.Reading, null);
    }

    private static RecordKind? CapturedKind(string name) =>
        Is(name, "CurrentSummationDelivered") || Is(name, "CurrentSummation") ? RecordKind.Summation
        : Is(name, "PriceCluster") ? RecordKind.Price
        : null;

    private static bool Is(string name, string expected) => name.Equals(expected, StringComparison.OrdinalIgnoreCase);
}

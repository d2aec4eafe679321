using System.Text;
using System.Text.Json;

namespace Rainforest.Domain.HourFiles;

/// <summary>
/// The shape of one kind's record line: a JSON object with exactly these keys (any order, none twice, nothing
/// else), each value of its field's type. <see cref="TryRead(ReadOnlySpan{byte}, out ulong)"/> is the one check
/// every reader of hour files uses; writers emit the keys in <see cref="Fields"/> order.
/// </summary>
public sealed class RecordFormat
{
    private readonly byte[][] _utf8Names;
    private readonly ulong _allSeen;

    public RecordFormat(IReadOnlyList<RecordField> fields)
    {
        ArgumentOutOfRangeException.ThrowIfZero(fields.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fields.Count, 64);
        if (fields.Count(f => f.Type is RecordFieldType.TimeStamp or RecordFieldType.HexTimeStamp) != 1)
        {
            throw new ArgumentException("A record has exactly one TimeStamp field.", nameof(fields));
        }
        Fields = fields;
        FieldNames = [.. fields.Select(f => f.Name)];
        _utf8Names = [.. fields.Select(f => Encoding.UTF8.GetBytes(f.Name))];
        _allSeen = fields.Count == 64 ? ulong.MaxValue : (1UL << fields.Count) - 1;
    }

    /// <summary>The keys in the order a record line is written.</summary>
    public IReadOnlyList<RecordField> Fields { get; }

    public IReadOnlyList<string> FieldNames { get; }

    /// <summary>True when <paramref name="line"/> (without its newline) is a record of this format.</summary>
    public bool TryRead(string? line, out ulong timeStamp)
    {
        timeStamp = 0;
        return line is not null && TryRead(Encoding.UTF8.GetBytes(line), out timeStamp);
    }

    /// <summary>True when <paramref name="line"/> (UTF-8, without its newline) is a record of this format.</summary>
    public bool TryRead(ReadOnlySpan<byte> line, out ulong timeStamp)
    {
        timeStamp = 0;
        if (line.IsEmpty) return false;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 2 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;

            var seen = 0UL;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    // The reader rejects anything but whitespace after the object.
                    return seen == _allSeen && !reader.Read();
                }
                if (reader.TokenType != JsonTokenType.PropertyName) return false;

                var index = IndexOf(ref reader);
                if (index < 0 || (seen & (1UL << index)) != 0) return false;
                seen |= 1UL << index;

                if (!reader.Read() || !ValueIsValid(ref reader, Fields[index].Type, ref timeStamp)) return false;
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// A record line of text values in <see cref="Fields"/> order, written like the demand record (Python
    /// <c>json.dumps</c> separators, ASCII-escaped strings); a missing value is written as an empty string.
    /// </summary>
    public string WriteText(IReadOnlyDictionary<string, string> values)
    {
        var builder = new StringBuilder(64 * Fields.Count);
        builder.Append('{');
        for (var i = 0; i < Fields.Count; i++)
        {
            if (i > 0) builder.Append(", ");
            builder.Append(PythonJson.QuotedString(Fields[i].Name)).Append(": ");
            builder.Append(PythonJson.QuotedString(values.GetValueOrDefault(Fields[i].Name)));
        }
        return builder.Append('}').ToString();
    }

    private int IndexOf(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < _utf8Names.Length; i++)
        {
            if (reader.ValueTextEquals(_utf8Names[i])) return i;
        }
        return -1;
    }

    private static bool ValueIsValid(ref Utf8JsonReader reader, RecordFieldType type, ref ulong timeStamp) => type switch
    {
        RecordFieldType.Text => reader.TokenType == JsonTokenType.String,
        RecordFieldType.Unsigned => reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out _),
        RecordFieldType.TimeStamp => reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out timeStamp),
        RecordFieldType.HexTimeStamp => reader.TokenType == JsonTokenType.String && HexText.TryParse(reader.GetString(), out timeStamp),
        _ => reader.TokenType == JsonTokenType.Number && (reader.TryGetUInt64(out _) || reader.TryGetInt64(out _)),
    };
}

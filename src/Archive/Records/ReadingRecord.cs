using System.Text.Json;

namespace Rainforest.Archive;

/// <summary>
/// Checks one line against the original record format: a JSON object with exactly the nine keys, raw
/// integers (MAC ids are unsigned 64-bit, often above 2^63) and a string SuppressLeadingZero.
/// </summary>
public static class ReadingRecord
{
    private const int KeyCount = 9;

    /// <summary>True when <paramref name="line"/> (without its newline) is a valid record.</summary>
    public static bool TryRead(ReadOnlySpan<byte> line, out ulong timeStamp)
    {
        timeStamp = 0;
        if (line.IsEmpty) return false;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 2 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;

            var seen = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    // The reader rejects anything but whitespace after the object.
                    return seen == (1 << KeyCount) - 1 && !reader.Read();
                }
                if (reader.TokenType != JsonTokenType.PropertyName) return false;

                var bit = KeyBit(ref reader);
                if (bit < 0 || (seen & (1 << bit)) != 0) return false;
                seen |= 1 << bit;

                if (!reader.Read()) return false;
                if (!ValueIsValid(ref reader, bit, ref timeStamp)) return false;
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int KeyBit(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("DeviceMacId"u8)) return 0;
        if (reader.ValueTextEquals("MeterMacId"u8)) return 1;
        if (reader.ValueTextEquals("TimeStamp"u8)) return 2;
        if (reader.ValueTextEquals("Demand"u8)) return 3;
        if (reader.ValueTextEquals("Multiplier"u8)) return 4;
        if (reader.ValueTextEquals("Divisor"u8)) return 5;
        if (reader.ValueTextEquals("DigitsRight"u8)) return 6;
        if (reader.ValueTextEquals("DigitsLeft"u8)) return 7;
        if (reader.ValueTextEquals("SuppressLeadingZero"u8)) return 8;
        return -1;
    }

    private static bool ValueIsValid(ref Utf8JsonReader reader, int bit, ref ulong timeStamp)
    {
        switch (bit)
        {
            case 8:
                return reader.TokenType == JsonTokenType.String;
            case 0 or 1:
                return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out _);
            case 2:
                return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out timeStamp);
            default:
                // Raw values as the gateway sent them: any integer, no fractions.
                return reader.TokenType == JsonTokenType.Number && (reader.TryGetUInt64(out _) || reader.TryGetInt64(out _));
        }
    }
}

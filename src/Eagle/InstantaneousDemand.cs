using System.Text.Json;

namespace Rainforest.Eagle;

/// <summary>
/// One get_instantaneous_demand reply with every value exactly as the gateway sent it: no sign conversion and
/// no scaling, so the logged record stays identical to the original system's.
/// </summary>
public sealed record InstantaneousDemand(
    ulong DeviceMacId,
    ulong MeterMacId,
    ulong TimeStamp,
    ulong Demand,
    ulong Multiplier,
    ulong Divisor,
    ulong DigitsRight,
    ulong DigitsLeft,
    string SuppressLeadingZero)
{
    /// <summary>The gateway counts seconds from 2000-01-01 UTC, not from the Unix epoch.</summary>
    public static readonly DateTimeOffset GatewayEpoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ulong MaxGatewaySeconds =
        (ulong)((DateTimeOffset.MaxValue - GatewayEpoch).Ticks / TimeSpan.TicksPerSecond);

    /// <summary>The nine record keys, in record order.</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
    [
        nameof(DeviceMacId), nameof(MeterMacId), nameof(TimeStamp), nameof(Demand), nameof(Multiplier),
        nameof(Divisor), nameof(DigitsRight), nameof(DigitsLeft), nameof(SuppressLeadingZero),
    ];

    /// <summary>When the gateway took the reading: 2000-01-01T00:00:00Z + <see cref="TimeStamp"/> seconds.</summary>
    public DateTimeOffset GatewayTime => TimeStamp <= MaxGatewaySeconds
        ? GatewayEpoch.AddTicks((long)TimeStamp * TimeSpan.TicksPerSecond)
        : DateTimeOffset.MaxValue;

    /// <summary>
    /// <see cref="Demand"/> read as a signed quantity. ZigBee SE sends demand as a signed 24-bit value and some
    /// gateways widen it to 32 bits, so under solar export a huge unsigned value is a negative demand.
    /// For display only; the record keeps the raw value.
    /// </summary>
    public long SignedDemand => Demand switch
    {
        >= 0x8000_0000UL and <= 0xFFFF_FFFFUL => (long)Demand - 0x1_0000_0000L,
        >= 0x80_0000UL and <= 0xFF_FFFFUL => (long)Demand - 0x100_0000L,
        _ => unchecked((long)Demand),
    };

    /// <summary>Demand in kW: SignedDemand × Multiplier ÷ Divisor, where a zero Multiplier or Divisor counts as 1.</summary>
    public double DemandKilowatts =>
        SignedDemand * (double)(Multiplier == 0 ? 1 : Multiplier) / (Divisor == 0 ? 1 : Divisor);

    /// <summary>
    /// The original system's log record (Python <c>json.dumps</c> of a dict with these nine keys in this order):
    /// separators ", " and ": ", integers unquoted, SuppressLeadingZero as an ASCII-escaped JSON string.
    /// No trailing newline.
    /// </summary>
    public string ToRecordLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"DeviceMacId\": {DeviceMacId}, \"MeterMacId\": {MeterMacId}, \"TimeStamp\": {TimeStamp}, \"Demand\": {Demand}, \"Multiplier\": {Multiplier}, \"Divisor\": {Divisor}, \"DigitsRight\": {DigitsRight}, \"DigitsLeft\": {DigitsLeft}, \"SuppressLeadingZero\": {PythonJsonString(SuppressLeadingZero)}}}");

    /// <summary>
    /// Reads one record line back. Accepts exactly the nine keys (any order, none twice, nothing else) with
    /// unsigned integer values and a string SuppressLeadingZero; a trailing newline is allowed.
    /// </summary>
    public static bool TryParseRecordLine(string? line, [NotNullWhen(true)] out InstantaneousDemand? reading)
    {
        reading = null;
        if (string.IsNullOrWhiteSpace(line))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            Span<ulong> numbers = stackalloc ulong[8];
            string? suppressLeadingZero = null;
            var seen = 0;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var index = IndexOfField(property.Name);
                if (index < 0 || (seen & (1 << index)) != 0)
                {
                    return false;
                }

                seen |= 1 << index;
                if (index < 8)
                {
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetUInt64(out numbers[index]))
                    {
                        return false;
                    }
                }
                else if (property.Value.ValueKind == JsonValueKind.String)
                {
                    suppressLeadingZero = property.Value.GetString();
                }
                else
                {
                    return false;
                }
            }

            if (seen != 0x1FF || suppressLeadingZero is null)
            {
                return false;
            }

            reading = new InstantaneousDemand(
                numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6], numbers[7],
                suppressLeadingZero);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int IndexOfField(string name)
    {
        for (var i = 0; i < FieldNames.Count; i++)
        {
            if (string.Equals(FieldNames[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    // Python's json.dumps with ensure_ascii=True: short escapes for the usual five, \uXXXX (lowercase) for every
    // other character outside printable ASCII, one escape per UTF-16 unit.
    private static string PythonJsonString(string? value)
    {
        value ??= string.Empty;
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}

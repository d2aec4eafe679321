using System.Text.Json;
using Rainforest.Domain.HourFiles;

namespace Rainforest.Domain.Readings;

/// <summary>One logged demand line decoded: when the gateway took it and what it means in kW.</summary>
public readonly record struct DemandReading(ulong TimeStamp, ulong DeviceMacId, ulong MeterMacId, ulong Demand,
    ulong Multiplier, ulong Divisor, ulong DigitsRight, ulong DigitsLeft, string SuppressLeadingZero)
{
    public DateTimeOffset Time => GatewayDemand.TimeOf(TimeStamp);

    public double Kilowatts => GatewayDemand.Kilowatts(Demand, Multiplier, Divisor);

    /// <summary>Decodes a demand record line (UTF-8, without its newline); false for anything that is not one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> line, out DemandReading reading)
    {
        reading = default;
        if (!DemandRecord.Format.TryRead(line, out _)) return false;

        ulong device = 0, meter = 0, time = 0, demand = 0, multiplier = 0, divisor = 0, right = 0, left = 0;
        var suppress = string.Empty;
        var reader = new Utf8JsonReader(line);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Names compared in place and the flag's usual values shared: a long read decodes hundreds of
            // thousands of lines, and a string per key would be most of what it allocates.
            if (reader.ValueTextEquals("SuppressLeadingZero"u8))
            {
                reader.Read();
                suppress = reader.ValueTextEquals("Y"u8) ? "Y" : reader.ValueTextEquals("N"u8) ? "N" : reader.GetString() ?? string.Empty;
                continue;
            }
            var field = FieldOf(ref reader);
            reader.Read();
            // The format check let signed integers through; a negative raw value has no meaning here.
            if (!reader.TryGetUInt64(out var value)) return false;
            switch (field)
            {
                case Field.DeviceMacId: device = value; break;
                case Field.MeterMacId: meter = value; break;
                case Field.TimeStamp: time = value; break;
                case Field.Demand: demand = value; break;
                case Field.Multiplier: multiplier = value; break;
                case Field.Divisor: divisor = value; break;
                case Field.DigitsRight: right = value; break;
                case Field.DigitsLeft: left = value; break;
            }
        }
        reading = new(time, device, meter, demand, multiplier, divisor, right, left, suppress);
        return true;
    }

    private static Field FieldOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("TimeStamp"u8) ? Field.TimeStamp
        : reader.ValueTextEquals("Demand"u8) ? Field.Demand
        : reader.ValueTextEquals("DeviceMacId"u8) ? Field.DeviceMacId
        : reader.ValueTextEquals("MeterMacId"u8) ? Field.MeterMacId
        : reader.ValueTextEquals("Multiplier"u8) ? Field.Multiplier
        : reader.ValueTextEquals("Divisor"u8) ? Field.Divisor
        : reader.ValueTextEquals("DigitsRight"u8) ? Field.DigitsRight
        : reader.ValueTextEquals("DigitsLeft"u8) ? Field.DigitsLeft
        : Field.Other;

    private enum Field
    {
        Other,
        DeviceMacId,
        MeterMacId,
        TimeStamp,
        Demand,
        Multiplier,
        Divisor,
        DigitsRight,
        DigitsLeft,
    }
}

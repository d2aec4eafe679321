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
            var name = reader.GetString();
            reader.Read();
            // The format check let signed integers through; a negative raw value has no meaning here.
            if (name == "SuppressLeadingZero") { suppress = reader.GetString() ?? string.Empty; continue; }
            if (!reader.TryGetUInt64(out var value)) return false;
            switch (name)
            {
                case "DeviceMacId": device = value; break;
                case "MeterMacId": meter = value; break;
                case "TimeStamp": time = value; break;
                case "Demand": demand = value; break;
                case "Multiplier": multiplier = value; break;
                case "Divisor": divisor = value; break;
                case "DigitsRight": right = value; break;
                case "DigitsLeft": left = value; break;
            }
        }
        reading = new(time, device, meter, demand, multiplier, divisor, right, left, suppress);
        return true;
    }
}

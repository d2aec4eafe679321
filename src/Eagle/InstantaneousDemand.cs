using Rainforest.Domain.HourFiles;
using Rainforest.Domain.Readings;

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
    public static DateTimeOffset GatewayEpoch => GatewayDemand.Epoch;

    /// <summary>The nine record keys, in record order.</summary>
    public static IReadOnlyList<string> FieldNames => DemandRecord.Format.FieldNames;

    /// <summary>When the gateway took the reading: 2000-01-01T00:00:00Z + <see cref="TimeStamp"/> seconds.</summary>
    public DateTimeOffset GatewayTime => GatewayDemand.TimeOf(TimeStamp);

    /// <summary><see cref="Demand"/> read as a signed quantity; for display only, the record keeps the raw value.</summary>
    public long SignedDemand => GatewayDemand.Signed(Demand);

    /// <summary>Demand in kW as the relay documents it (<see cref="GatewayDemand.Kilowatts"/>).</summary>
    public double DemandKilowatts => GatewayDemand.Kilowatts(Demand, Multiplier, Divisor);

    /// <summary>This reading's line in the hour file (<see cref="DemandRecord"/>), without a trailing newline.</summary>
    public string ToRecordLine() => DemandRecord.Write(
        DeviceMacId, MeterMacId, TimeStamp, Demand, Multiplier, Divisor, DigitsRight, DigitsLeft, SuppressLeadingZero);
}

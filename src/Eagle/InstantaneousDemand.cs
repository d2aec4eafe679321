using Rainforest.Domain.HourFiles;

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
    public static IReadOnlyList<string> FieldNames => DemandRecord.Format.FieldNames;

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

    /// <summary>This reading's line in the hour file (<see cref="DemandRecord"/>), without a trailing newline.</summary>
    public string ToRecordLine() => DemandRecord.Write(
        DeviceMacId, MeterMacId, TimeStamp, Demand, Multiplier, Divisor, DigitsRight, DigitsLeft, SuppressLeadingZero);
}

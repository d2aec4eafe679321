namespace Rainforest.Domain.Readings;

/// <summary>
/// How a gateway's raw demand fields mean kilowatts and time, as the relay documents them. The record keeps
/// the raw values; everything that shows a reading to a person decodes it here.
/// </summary>
public static class GatewayDemand
{
    /// <summary>The gateway counts seconds from 2000-01-01 UTC, not from the Unix epoch.</summary>
    public static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ulong MaxSeconds = (ulong)((DateTimeOffset.MaxValue - Epoch).Ticks / TimeSpan.TicksPerSecond);

    /// <summary>When the gateway took the reading: the epoch plus <paramref name="timeStamp"/> seconds.</summary>
    public static DateTimeOffset TimeOf(ulong timeStamp) => timeStamp <= MaxSeconds
        ? Epoch.AddTicks((long)timeStamp * TimeSpan.TicksPerSecond)
        : DateTimeOffset.MaxValue;

    /// <summary>
    /// Demand read as a signed quantity. ZigBee SE sends a signed 24-bit value and some gateways widen it to
    /// 32 bits, so under solar export a huge unsigned value is a negative demand.
    /// </summary>
    public static long Signed(ulong demand) => demand switch
    {
        >= 0x8000_0000UL and <= 0xFFFF_FFFFUL => (long)demand - 0x1_0000_0000L,
        >= 0x80_0000UL and <= 0xFF_FFFFUL => (long)demand - 0x100_0000L,
        _ => unchecked((long)demand),
    };

    /// <summary>kW = signed demand × multiplier ÷ divisor, where a zero multiplier or divisor counts as 1.</summary>
    public static double Kilowatts(ulong demand, ulong multiplier, ulong divisor) =>
        Signed(demand) * (double)(multiplier == 0 ? 1 : multiplier) / (divisor == 0 ? 1 : divisor);
}

namespace Rainforest.Eagle.Local;

/// <summary>
/// Turns a local API reading (kW as a decimal, Unix time) into the relay's raw fields, so a local user's line is
/// the same nine-key record and decodes exactly as a relay line does: Demand is the kW in thousandths as a 32-bit
/// two's complement number over Divisor 1000, TimeStamp counts from 2000-01-01.
/// </summary>
public static class LocalDemand
{
    /// <summary>Some firmware reports a negative demand as its 32-bit two's complement over 1000: 4294963.584 is -3.712.</summary>
    public const decimal WrapAt = 2_147_483.648m;

    public const decimal WrapModulus = 4_294_967.296m;

    private const long UnixSecondsAt2000 = 946_684_800;

    /// <summary>The demand the gateway meant, with a wrapped negative unwrapped.</summary>
    public static decimal Unwrap(decimal kilowatts) => kilowatts >= WrapAt ? kilowatts - WrapModulus : kilowatts;

    /// <summary>The record for one reading; false when the time is before 2000 or the demand does not fit 32 bits.</summary>
    public static bool TryCreate(ulong deviceMacId, ulong meterMacId, ulong lastContactUnix, decimal kilowatts, [NotNullWhen(true)] out InstantaneousDemand? reading)
    {
        reading = null;
        if (lastContactUnix < UnixSecondsAt2000) return false;
        var kw = Unwrap(kilowatts);
        ulong divisor = 1000, digitsRight = 3;
        var scaled = decimal.Round(kw * divisor, MidpointRounding.AwayFromZero);
        // 0x800000..0xFFFFFF decodes as a negative 24-bit value; a positive demand that large moves one digit up instead.
        if (scaled is >= 0x80_0000 and <= 0xFF_FFFF)
        {
            divisor = 10_000;
            digitsRight = 4;
            scaled = decimal.Round(kw * divisor, MidpointRounding.AwayFromZero);
        }

        if (scaled < int.MinValue || scaled > int.MaxValue) return false;
        var demand = (ulong)unchecked((uint)(int)scaled);
        reading = new InstantaneousDemand(deviceMacId, meterMacId, lastContactUnix - UnixSecondsAt2000, demand,
            Multiplier: 1, divisor, digitsRight, DigitsLeft: 6, SuppressLeadingZero: "Y");
        return true;
    }
}

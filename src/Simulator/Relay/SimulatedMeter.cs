using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
namespace Rainforest.Simulator.Relay;

/// <summary>
/// One household's gateway and meter: stable MAC ids derived from the Cloud ID and a plausible, varying
/// demand. Remembers the last reading so the repeat and backwards faults can be produced. Not thread-safe.
/// </summary>
internal sealed class SimulatedMeter
{
    /// <summary>Rainforest's OUI: every real EAGLE MAC is above 2^63, which a signed 64-bit parse gets wrong.</summary>
    private const ulong VendorPrefix = 0xd8d5b9UL << 40;
    private const ulong OtherPrefix = 0x0013a2UL << 40;
    private const ulong MeterPrefix = 0x000781UL << 40;
    private const uint BackwardsStep = 6;
    private static readonly DateTimeOffset EagleEpoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ulong deviceMacId;
    private readonly ulong meterMacId;
    private readonly ulong seed;
    private readonly int baseWatts;
    private DemandReading? last;

    public SimulatedMeter(string cloudId)
    {
        seed = StableHash.Of(cloudId);
        var number = SimulatedCloudIds.IsReal(cloudId) ? Convert.ToUInt64(cloudId, 16) : seed & 0xffffff;
        // Even Cloud IDs get the vendor prefix (above 2^63), odd ones a low prefix, so both paths get exercised.
        deviceMacId = ((number & 1) == 0 ? VendorPrefix : OtherPrefix) | (number << 16) | (seed & 0xffff);
        meterMacId = MeterPrefix | (number << 12) | ((seed >> 16) & 0xfff);
        baseWatts = 400 + (int)((seed >> 32) % 1400);
    }

    public ulong DeviceMacId => deviceMacId;

    public ulong MeterMacId => meterMacId;

    public static uint EagleTimeStamp(DateTimeOffset now) =>
        (uint)Math.Clamp((long)(now - EagleEpoch).TotalSeconds, 0, uint.MaxValue);

    /// <summary>
    /// The meter's register: a household-sized starting count plus the base load's energy since 2000 (in Wh,
    /// Divisor 1000 → kWh), so it only ever grows with time; received (solar export) grows at a tenth the rate.
    /// </summary>
    public SummationReading Summation(DateTimeOffset now)
    {
        var stamp = EagleTimeStamp(now);
        var delivered = 1_000_000UL + (seed % 5_000_000) + (ulong)stamp * (ulong)baseWatts / 3600;
        return new SummationReading(deviceMacId, meterMacId, stamp, delivered, delivered / 10 - 100_000);
    }

    /// <summary>A time-of-use tariff: tier 1 (0.12) at night, tier 2 (0.19) from 07:00 to 21:00 UTC, in cents (TrailingDigits 2).</summary>
    public PriceReading Price(DateTimeOffset now)
    {
        var hour = now.UtcDateTime.Hour;
        var tier = hour is >= 7 and < 21 ? 2u : 1u;
        return new PriceReading(deviceMacId, meterMacId, EagleTimeStamp(now), tier == 2 ? 19u : 12u, tier);
    }

    public DemandReading Next(SimulatedFault fault, long sequence, DateTimeOffset now)
    {
        if (fault == SimulatedFault.Repeat && last is { } previous) return previous;

        var stamp = EagleTimeStamp(now);
        if (fault == SimulatedFault.Backwards && last is { } before)
        {
            var floor = Math.Min(stamp, before.TimeStamp);
            stamp = floor > BackwardsStep ? floor - BackwardsStep : Math.Max(floor, 1) - 1;
        }

        var random = StableHash.Mix(seed ^ ((ulong)sequence * 0x9e3779b97f4a7c15UL));
        var demand = fault == SimulatedFault.Export
            ? unchecked((uint)-(200 + (int)(random % 3500)))
            : (uint)Watts(now, random);

        var reading = new DemandReading(deviceMacId, meterMacId, stamp, demand);
        last = reading;
        return reading;
    }

    /// <summary>A daily curve around the household's base load, with noise: 200..5000 W, raw in W (Divisor 1000 → kW).</summary>
    private int Watts(DateTimeOffset now, ulong random)
    {
        var hour = now.UtcDateTime.TimeOfDay.TotalHours;
        var daily = 1.0 + 0.3 * Math.Sin((hour - 12.0) / 24.0 * 2.0 * Math.PI);
        var noise = 0.75 + (random % 1001) / 2000.0; // ±25%
        var spike = (random >> 20) % 20 == 0 ? 1500 : 0; // now and then a kettle
        return Math.Clamp((int)(baseWatts * daily * noise) + spike, 200, 5000);
    }
}

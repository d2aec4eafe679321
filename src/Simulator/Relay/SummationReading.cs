namespace Rainforest.Simulator.Relay;

/// <summary>One CurrentSummation as the gateway would send it: the meter's registers in Wh (Divisor 1000 → kWh).</summary>
internal readonly record struct SummationReading(ulong DeviceMacId, ulong MeterMacId, uint TimeStamp, ulong Delivered, ulong Received);

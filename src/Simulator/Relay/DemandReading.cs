namespace Rainforest.Simulator.Relay;

/// <summary>One InstantaneousDemand as the gateway would send it: raw values, Demand as the 32-bit field.</summary>
internal readonly record struct DemandReading(ulong DeviceMacId, ulong MeterMacId, uint TimeStamp, uint Demand);

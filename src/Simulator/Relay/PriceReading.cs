namespace Rainforest.Simulator.Relay;

/// <summary>One PriceCluster as the gateway would send it: Price in cents (TrailingDigits 2), USD, its tier.</summary>
internal readonly record struct PriceReading(ulong DeviceMacId, ulong MeterMacId, uint TimeStamp, uint Price, uint Tier);

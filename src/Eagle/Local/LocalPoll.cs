namespace Rainforest.Eagle.Local;

/// <summary>One poll of a local gateway: the outcome, and the meter to ask next time (null: list the devices again).</summary>
public sealed record LocalPoll(RelayOutcome Outcome, ulong? Meter);

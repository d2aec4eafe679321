using Rainforest.Simulator.Faults;
namespace Rainforest.Simulator.Recording;

/// <summary>One relay request as the simulator saw it. Times are the simulator clock's Unix milliseconds.</summary>
/// <param name="ReceivedUnixMs">When the request arrived.</param>
/// <param name="AnsweredUnixMs">When the answer was written; null while pending or when the client gave up.</param>
/// <param name="EndedUnixMs">When the simulator was done with it (answered or abandoned); null while pending.</param>
/// <param name="Outcome">What was sent.</param>
/// <param name="Fault">The account's fault when the request arrived.</param>
public sealed record SimulatedRequest(
    long ReceivedUnixMs,
    long? AnsweredUnixMs,
    long? EndedUnixMs,
    SimulatedOutcome Outcome,
    SimulatedFault Fault);

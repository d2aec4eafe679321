using Rainforest.Simulator.Faults;
namespace Rainforest.Simulator.Recording;

/// <summary>A compact log slot (24 bytes): accounts can number in the hundreds of thousands.</summary>
internal struct RequestEntry
{
    public long Sequence;
    public long ReceivedUnixMs;
    public int DurationMs;
    public SimulatedOutcome Outcome;
    public SimulatedFault Fault;

    public readonly SimulatedRequest ToPublic()
    {
        long? ended = Outcome == SimulatedOutcome.Pending ? null : ReceivedUnixMs + DurationMs;
        long? answered = Outcome == SimulatedOutcome.Abandoned ? null : ended;
        return new SimulatedRequest(ReceivedUnixMs, answered, ended, Outcome, Fault);
    }
}

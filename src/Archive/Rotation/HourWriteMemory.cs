namespace Rainforest.Archive.Rotation;

/// <summary>
/// What the writer of an hour remembers between attempts: after a write whose confirmation failed, the
/// object's version tag and the lines that write was meant to hold. A later attempt that finds that version
/// merges from these lines instead of the (possibly damaged) stored bytes, so nothing that was only in the
/// object before is lost.
/// </summary>
public sealed class HourWriteMemory
{
    public UnconfirmedWrite? Unconfirmed { get; set; }
}

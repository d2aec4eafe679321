namespace Rainforest.Domain.Descriptors;

/// <summary>
/// A count of descriptors of one kind this process may hold at once. Taking one never waits: a caller that gets
/// none degrades (writes per line, refuses the poll with a reason) rather than queueing on a scarce resource.
/// </summary>
public sealed class DescriptorSlots(int capacity)
{
    private int _available = capacity;
    private long _refused;

    public int Capacity { get; } = capacity;

    public int InUse => Capacity - Volatile.Read(ref _available);

    /// <summary>How often a slot was asked for and none was left, since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public bool TryAcquire()
    {
        while (true)
        {
            var available = Volatile.Read(ref _available);
            if (available <= 0)
            {
                Interlocked.Increment(ref _refused);
                return false;
            }
            if (Interlocked.CompareExchange(ref _available, available - 1, available) == available) return true;
        }
    }

    public void Release() => Interlocked.Increment(ref _available);
}

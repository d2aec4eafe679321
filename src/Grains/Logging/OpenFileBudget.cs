using Rainforest.Domain.Descriptors;

namespace Rainforest.Grains.Logging;

/// <summary>
/// How many hour files this silo may keep open at once: the hour-file share of the process's
/// <see cref="DescriptorBudget"/>. Each active user keeps its hour file open (one open per hour, not per line)
/// while the share lasts; beyond it a user's log opens and closes its file around each line instead, in the
/// headroom the budget keeps for such files, so a silo with more users than descriptors still logs everything.
/// </summary>
public sealed class OpenFileBudget(DescriptorSlots slots)
{
    public OpenFileBudget(DescriptorBudget budget)
        : this(budget.HourFiles)
    {
    }

    public int Capacity => slots.Capacity;

    public int InUse => slots.InUse;

    /// <summary>How often a user found the share spent and writes its hour per line instead.</summary>
    public long Refused => slots.Refused;

    public bool TryAcquire() => slots.TryAcquire();

    public void Release() => slots.Release();
}

using Rainforest.Domain.HourFiles;

namespace Rainforest.Grains.Logging;

/// <summary>
/// How many hour files this silo may keep open at once. Each active user keeps its hour file open (one open per
/// hour, not per line) while the process's descriptor limit allows; beyond the budget a user's log opens and
/// closes its file around each line instead, so a silo with more users than descriptors still logs everything.
/// </summary>
public sealed class OpenFileBudget
{
    private const int ReservedDescriptors = 4096;
    private int _available;

    public OpenFileBudget(IOptions<LogsOptions> options)
    {
        Capacity = options.Value.MaxOpenFiles ?? Math.Max(0, (int)Math.Min(int.MaxValue, DescriptorLimit() - ReservedDescriptors));
        _available = Capacity;
    }

    public int Capacity { get; }

    public int InUse => Capacity - Volatile.Read(ref _available);

    public bool TryAcquire()
    {
        while (true)
        {
            var available = Volatile.Read(ref _available);
            if (available <= 0) return false;
            if (Interlocked.CompareExchange(ref _available, available - 1, available) == available) return true;
        }
    }

    public void Release() => Interlocked.Increment(ref _available);

    // The soft RLIMIT_NOFILE as the kernel reports it for this process.
    private static long DescriptorLimit()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return soft == "unlimited" ? int.MaxValue : long.Parse(soft, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return 1024;
    }
}

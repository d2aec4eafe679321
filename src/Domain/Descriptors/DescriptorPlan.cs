namespace Rainforest.Domain.Descriptors;

/// <summary>
/// The split of the descriptors this process may still open: <see cref="Spare"/> is the soft limit less those open
/// at start and the reserve; a headroom for files opened for a moment (an hour file written per line, the shipper
/// reading one) is kept out of it; the rest is shared by outgoing gateway connections and held hour files.
/// </summary>
public sealed record DescriptorPlan(long Limit, int OpenAtStart, int Reserve, int Spare, int TransientFiles, int Connections, int HourFiles)
{
    /// <summary>Fewer spare descriptors than this cannot carry a poll and its line; the silo refuses to start.</summary>
    public const int MinimumSpare = 16;

    /// <param name="limit">The soft RLIMIT_NOFILE.</param>
    /// <param name="openAtStart">Descriptors open when the plan is made.</param>
    /// <param name="options">The reserve and the connection cap.</param>
    /// <param name="maxOpenFiles"><c>Rainforest:Logs:MaxOpenFiles</c>: a cap on held hour files, or null.</param>
    /// <param name="maxConnectionsPerServer"><c>Rainforest:Eagle:MaxConnectionsPerServer</c>: a cap on connections.</param>
    /// <exception cref="InvalidOperationException">The limit leaves fewer than <see cref="MinimumSpare"/> descriptors.</exception>
    public static DescriptorPlan Of(long limit, int openAtStart, DescriptorOptions options, int? maxOpenFiles, int maxConnectionsPerServer)
    {
        ArgumentNullException.ThrowIfNull(options);
        var spare = (int)Math.Clamp(limit - openAtStart - options.Reserve, int.MinValue, int.MaxValue);
        if (spare < MinimumSpare)
        {
            throw new InvalidOperationException(
                $"The open-file limit (ulimit -n) is {limit}, {openAtStart} descriptors are open at start and " +
                $"{DescriptorOptions.Section}:Reserve keeps {options.Reserve}: that leaves {spare}, fewer than the {MinimumSpare} " +
                "a silo needs for its gateway connections and hour files. Raise the limit or lower the reserve.");
        }

        // Enough for every thread writing a line at once, without starving the shares on a small limit.
        var transient = Math.Clamp(spare / 8, 4, 256);
        var shared = spare - transient;
        var connections = Math.Min(Math.Min(options.MaxConnections ?? shared / 2, maxConnectionsPerServer), shared - 1);
        var hourFiles = Math.Min(maxOpenFiles ?? int.MaxValue, shared - connections);
        return new DescriptorPlan(limit, openAtStart, options.Reserve, spare, transient, Math.Max(1, connections), hourFiles);
    }
}

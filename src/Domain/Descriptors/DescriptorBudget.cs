namespace Rainforest.Domain.Descriptors;

/// <summary>
/// This process's one descriptor budget (<see cref="DescriptorPlan"/>), made once at start: the slots for held hour
/// files and for outgoing gateway connections (relay and local gateways together). Whatever is not in a share
/// stays free for the runtime, so an exhausted share degrades one user's poll, never the process.
/// </summary>
public sealed class DescriptorBudget
{
    public DescriptorBudget(DescriptorPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        HourFiles = new DescriptorSlots(plan.HourFiles);
        Connections = new DescriptorSlots(plan.Connections);
    }

    public DescriptorPlan Plan { get; }

    /// <summary>Hour files kept open between lines.</summary>
    public DescriptorSlots HourFiles { get; }

    /// <summary>Open sockets to the relay and to local gateways.</summary>
    public DescriptorSlots Connections { get; }

    /// <summary>The budget of this process from its own limit and open descriptors.</summary>
    public static DescriptorBudget ForThisProcess(DescriptorOptions options, int? maxOpenFiles, int maxConnectionsPerServer) =>
        new(DescriptorPlan.Of(DescriptorLimit.Soft(), DescriptorLimit.OpenNow(), options, maxOpenFiles, maxConnectionsPerServer));
}

using System.Collections.Concurrent;
using System.Reflection;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Serialization.Invocation;

namespace Rainforest.Silo.Hosting;

/// <summary>
/// When the last silo stops, nothing can place a grain any more, so every one-way report still on its way (a
/// user's summary to the directory, the shipper's status) fails, and Orleans logs each failure with a stack
/// trace. A one-way call has no reply to lose, and its target is stopping with the cluster: it is dropped and
/// logged at Debug. While other silos are active, calls are left alone (their grains are placed there).
/// </summary>
public sealed partial class QuietStopCallFilter(
    ISiloStatusOracle status,
    IClusterMembershipService membership,
    ILogger<QuietStopCallFilter> logger) : IOutgoingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> OneWay = new();

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod is { } method && status.CurrentStatus.IsTerminating()
            && OneWay.GetOrAdd(method, m => m.IsDefined(typeof(OneWayAttribute), inherit: true))
            && !AnotherSiloIsActive())
        {
            LogDropped(method.DeclaringType?.Name ?? "?", method.Name, context.TargetId);
            context.Response = Response.Completed;
            return Task.CompletedTask;
        }
        return context.Invoke();
    }

    private bool AnotherSiloIsActive() =>
        membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(status.SiloAddress));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Last silo stopping: one-way {Interface}.{Method} to {Target} dropped")]
    private partial void LogDropped(string @interface, string method, GrainId target);
}

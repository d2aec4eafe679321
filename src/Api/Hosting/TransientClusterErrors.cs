using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Rainforest.Api.Hosting;

/// <summary>
/// Failures that mean "the cluster could not serve this call just now" rather than "the call is wrong": a silo
/// that died or is stopping, a lost connection, no reachable gateway, a call that got no answer in time, or an
/// activation superseded by its replacement after a failover. Retrying them is safe for the API's calls (all
/// idempotent but polling on demand, which at worst reads a gateway once more).
/// </summary>
public static class TransientClusterErrors
{
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null => false,
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
            or GatewayTooBusyException or InconsistentStateException or TimeoutException => true,
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsTransient(aggregate.InnerException),
        _ => false,
    };
}

using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

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

    /// <summary>
    /// Transient, or the cluster's store (Redis) not answering. The Orleans Redis providers report an outage as
    /// their own exception type (e.g. <c>RedisStorageException</c>, wrapped in an <c>OrleansException</c>) with
    /// the client's error folded into its message, and the API does not reference those packages: so the chain
    /// is searched for a Redis client error or a Redis provider's exception by name. Not retried (an outage
    /// outlasts a request); answered 503.
    /// </summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (IsTransient(e) || e is RedisException || IsRedisProviderError(e.GetType().FullName)) return true;
            // A type the standalone gateway does not know arrives as a fallback that keeps its name.
            if (e is UnavailableExceptionFallbackException fallback && IsRedisProviderError(fallback.ExceptionType)) return true;
        }
        return false;
    }

    private static bool IsRedisProviderError(string? typeName) =>
        typeName is not null && typeName.StartsWith("Orleans.", StringComparison.Ordinal) && typeName.Contains(".Redis", StringComparison.Ordinal);
}

using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Rainforest.Silo.Hosting;

/// <summary>One multiplexer per connection string for the process's own uses of Redis (key ring, health).</summary>
public static class RedisConnections
{
    private static readonly ConcurrentDictionary<string, Lazy<ConnectionMultiplexer>> Connections = new();

    public static ConnectionMultiplexer Shared(string connectionString) =>
        Connections.GetOrAdd(connectionString, cs => new Lazy<ConnectionMultiplexer>(() =>
        {
            var options = ConfigurationOptions.Parse(cs);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        })).Value;
}

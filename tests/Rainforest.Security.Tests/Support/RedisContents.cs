using StackExchange.Redis;

namespace Rainforest.Security.Tests.Support;

/// <summary>Reads everything a Redis server holds: every key's value, and its data directory (the append-only file).</summary>
public static class RedisContents
{
    public static async Task AddToAsync(Emissions emissions, RedisServer redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},allowAdmin=true");
        var server = connection.GetServers().Single();
        var database = connection.GetDatabase();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            var value = await database.KeyTypeAsync(key) switch
            {
                RedisType.String => (string?)await database.StringGetAsync(key) ?? "",
                RedisType.Hash => string.Join('\n', (await database.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}")),
                RedisType.List => string.Join('\n', await database.ListRangeAsync(key)),
                RedisType.Set => string.Join('\n', await database.SetMembersAsync(key)),
                RedisType.SortedSet => string.Join('\n', (await database.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Element} {e.Score}")),
                var other => $"<{other}>",
            };
            emissions.Add($"redis key {key}", $"{key}\n{value}");
        }

        // The append-only file keeps every write ever made, including values since overwritten.
        var directory = (await server.ConfigGetAsync("dir")).Single().Value;
        emissions.AddDirectory("redis dir", directory);
    }
}

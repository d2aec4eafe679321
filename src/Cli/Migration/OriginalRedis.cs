using StackExchange.Redis;

namespace Rainforest.Cli.Migration;

/// <summary>One key of the old Redis and its value, or why the value could not be read as text.</summary>
public sealed record OriginalEntry(string Key, string? Value, string? Unreadable);

/// <summary>
/// Reads every key of the 2015 system's Redis database with SCAN (never KEYS, which would stall a live server),
/// then the values in pipelined batches. Only reads: nothing in the old store is changed.
/// </summary>
public static class OriginalRedis
{
    private const int BatchSize = 500;

    /// <summary>How many keys the database holds, for the progress bar (SCAN itself does not say).</summary>
    public static async Task<long> CountAsync(IConnectionMultiplexer connection, OriginalRedisUrl url) =>
        await Server(connection).DatabaseSizeAsync(url.Database);

    public static async Task<IReadOnlyList<OriginalEntry>> ReadAsync(IConnectionMultiplexer connection, OriginalRedisUrl url,
        Action<int>? onRead, CancellationToken ct)
    {
        var database = connection.GetDatabase(url.Database);
        var entries = new List<OriginalEntry>();
        var batch = new List<RedisKey>(BatchSize);
        await foreach (var key in Server(connection).KeysAsync(url.Database, pageSize: BatchSize).WithCancellation(ct))
        {
            batch.Add(key);
            if (batch.Count < BatchSize) continue;
            entries.AddRange(await ReadValuesAsync(database, batch));
            onRead?.Invoke(batch.Count);
            batch.Clear();
        }
        entries.AddRange(await ReadValuesAsync(database, batch));
        onRead?.Invoke(batch.Count);
        // One order whatever order SCAN returned, so a report reads the same on every run.
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    }

    private static IServer Server(IConnectionMultiplexer connection) => connection.GetServer(connection.GetEndPoints()[0]);

    private static async Task<IEnumerable<OriginalEntry>> ReadValuesAsync(IDatabase database, List<RedisKey> keys)
    {
        var reads = keys.Select(k => database.StringGetAsync(k)).ToList();
        var entries = new List<OriginalEntry>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i].ToString();
            try
            {
                var value = await reads[i];
                entries.Add(value.IsNull
                    ? new OriginalEntry(key, null, "unparseable value: the key vanished while it was read")
                    : new OriginalEntry(key, value.ToString(), null));
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
            {
                entries.Add(new OriginalEntry(key, null, "unparseable value: not a string (the original stored JSON text)"));
            }
        }
        return entries;
    }
}

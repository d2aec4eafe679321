namespace Rainforest.Contracts;

/// <summary>
/// The user directory as a whole: which shard holds a user, and the one fan-out over all 256 shards that
/// listing and waking every user share.
/// </summary>
public static class UserDirectory
{
    public const int ShardCount = 256;

    public static string ShardOf(string cloudId) => cloudId[..2];

    public static IEnumerable<string> AllShards() => Enumerable.Range(0, ShardCount).Select(i => i.ToString("x2"));

    public static IUserDirectoryGrain Shard(this IGrainFactory grains, string cloudId) =>
        grains.GetGrain<IUserDirectoryGrain>(ShardOf(cloudId));

    /// <summary>Every registered user's summary, ordered by Cloud ID.</summary>
    public static async Task<IReadOnlyList<UserSummary>> ListAllUsersAsync(this IGrainFactory grains) =>
        [.. (await grains.AskEveryShardAsync(shard => shard.ListAsync())).SelectMany(users => users)];

    /// <summary>Wakes every registered user (one already polling ignores it); returns how many there are.</summary>
    public static async Task<int> WakeAllUsersAsync(this IGrainFactory grains) =>
        (await grains.AskEveryShardAsync(shard => shard.WakeAllAsync())).Sum();

    /// <summary>Asks every shard at once and returns their answers in shard order.</summary>
    private static Task<T[]> AskEveryShardAsync<T>(this IGrainFactory grains, Func<IUserDirectoryGrain, Task<T>> ask) =>
        Task.WhenAll(AllShards().Select(shard => ask(grains.GetGrain<IUserDirectoryGrain>(shard))));
}

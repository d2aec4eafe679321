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

    /// <summary>
    /// The users matching <paramref name="query"/>, ordered by Cloud ID, <paramref name="limit"/> of them (all when
    /// null) after <paramref name="offset"/>. Shards hold consecutive ranges of Cloud IDs, so a page asks every
    /// shard how many it matches, then only the shards the page spans for their part of it.
    /// </summary>
    public static async Task<UserPage> QueryUsersAsync(this IGrainFactory grains, UserQuery query, int offset, int? limit)
    {
        if (limit is null && offset == 0)
        {
            var whole = await grains.AskEveryShardAsync(shard => shard.QueryAsync(query, 0, int.MaxValue));
            return new UserPage(whole.Sum(p => p.Matched), whole.Aggregate(UserStateCounts.None, (sum, p) => sum.Plus(p.Counts)),
                [.. whole.SelectMany(p => p.Users)]);
        }

        var shards = AllShards().ToArray();
        var heads = await grains.AskEveryShardAsync(shard => shard.QueryAsync(query, 0, 0));
        var end = limit is { } l ? (long)offset + l : long.MaxValue;
        var parts = new List<Task<UserPage>>();
        long start = 0;
        for (var i = 0; i < shards.Length; i++)
        {
            var matched = heads[i].Matched;
            if (matched > 0 && start + matched > offset && start < end)
            {
                var skip = (int)Math.Max(0, offset - start);
                var take = (int)Math.Min(matched - skip, end - Math.Max(offset, start));
                parts.Add(grains.GetGrain<IUserDirectoryGrain>(shards[i]).QueryAsync(query, skip, take));
            }
            start += matched;
        }
        // Each part is already cut to the page; users that came or went between the two rounds only shift it.
        var users = (await Task.WhenAll(parts)).SelectMany(p => p.Users);
        return new UserPage(heads.Sum(p => p.Matched), heads.Aggregate(UserStateCounts.None, (sum, p) => sum.Plus(p.Counts)),
            [.. users]);
    }

    /// <summary>Every registered user's Cloud ID, in shard order.</summary>
    public static async Task<IReadOnlyList<string>> AllCloudIdsAsync(this IGrainFactory grains) =>
        [.. (await grains.AskEveryShardAsync(shard => shard.CloudIdsAsync())).SelectMany(ids => ids)];

    /// <summary>Asks every shard at once and returns their answers in shard order.</summary>
    private static Task<T[]> AskEveryShardAsync<T>(this IGrainFactory grains, Func<IUserDirectoryGrain, Task<T>> ask) =>
        Task.WhenAll(AllShards().Select(shard => ask(grains.GetGrain<IUserDirectoryGrain>(shard))));
}

namespace Rainforest.Contracts;

/// <summary>
/// One shard of the user directory: the users whose Cloud ID starts with the shard's two hex digits
/// (so 256 shards, each small enough to persist whole). It lists users and wakes them after a restart.
/// </summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    Task AddAsync(string cloudId);

    Task RemoveAsync(string cloudId);

    /// <summary>Users report their summary when their state changes and when they persist counters.</summary>
    [OneWay]
    Task ReportAsync(UserSummary summary);

    Task<IReadOnlyList<UserSummary>> ListAsync();

    /// <summary>Wakes every user of this shard so polling resumes without any API call.</summary>
    Task<int> WakeAllAsync();
}

public static class UserDirectory
{
    public static string ShardOf(string cloudId) => cloudId[..2];

    public static IEnumerable<string> AllShards() => Enumerable.Range(0, 256).Select(i => i.ToString("x2"));

    public static IUserDirectoryGrain Shard(this IGrainFactory grains, string cloudId) =>
        grains.GetGrain<IUserDirectoryGrain>(ShardOf(cloudId));
}

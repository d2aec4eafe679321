namespace Rainforest.Contracts;

/// <summary>
/// One shard of the user directory: the users whose Cloud ID starts with the shard's two hex digits
/// (so 256 shards, each small enough to persist whole). It lists users and wakes them after a restart.
/// </summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Completes once the shard is stored with the user in it. Interleaved, so the adds that arrive while a write
    /// runs are stored together by the next one instead of one write each (a bulk registration fills a shard fast).
    /// </summary>
    [AlwaysInterleave]
    Task AddAsync(string cloudId);

    [AlwaysInterleave]
    Task RemoveAsync(string cloudId);

    /// <summary>Users report their summary when their state changes and when they persist counters.</summary>
    [OneWay]
    Task ReportAsync(UserSummary summary);

    Task<IReadOnlyList<UserSummary>> ListAsync();

    /// <summary>This shard's users matching <paramref name="query"/>: how many, per state, and <paramref name="take"/> of them after <paramref name="skip"/>.</summary>
    Task<UserPage> QueryAsync(UserQuery query, int skip, int take);

    /// <summary>This shard's registered users' Cloud IDs (what a silo wakes at start and after a silo's death).</summary>
    Task<IReadOnlyList<string>> CloudIdsAsync();
}

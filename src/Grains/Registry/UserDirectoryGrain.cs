using Rainforest.Grains.Users;

namespace Rainforest.Grains.Registry;

/// <summary>
/// One of 256 shards listing the registered users. Membership is persisted; summaries are soft state,
/// refreshed by the users themselves (on every state change and counter flush, and on activation).
/// </summary>
public sealed class UserDirectoryGrain(
    [PersistentState("directory", "Users")] IPersistentState<DirectoryShard> shard) : Grain, IUserDirectoryGrain
{
    private readonly Dictionary<string, UserSummary> _summaries = [];

    // One write at a time; changes made while one runs share the next (the shard is written whole each time).
    private readonly StateWriter _writer = new(shard.WriteStateAsync, shard.ClearStateAsync);

    async Task IUserDirectoryGrain.AddAsync(string cloudId)
    {
        if (shard.State.CloudIds.Add(cloudId)) await _writer.WriteAsync();
    }

    async Task IUserDirectoryGrain.RemoveAsync(string cloudId)
    {
        _summaries.Remove(cloudId);
        if (shard.State.CloudIds.Remove(cloudId)) await _writer.WriteAsync();
    }

    Task IUserDirectoryGrain.ReportAsync(UserSummary summary)
    {
        if (shard.State.CloudIds.Contains(summary.CloudId)) _summaries[summary.CloudId] = summary;
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<UserSummary>> IUserDirectoryGrain.ListAsync() =>
        Task.FromResult<IReadOnlyList<UserSummary>>([.. Summaries()]);

    Task<UserPage> IUserDirectoryGrain.QueryAsync(UserQuery query, int skip, int take)
    {
        var counts = UserStateCounts.None;
        var matched = 0;
        var page = new List<UserSummary>();
        foreach (var user in Summaries().Where(query.MatchesSearch))
        {
            counts = counts.Plus(user.State);
            if (!query.MatchesState(user)) continue;
            if (matched >= skip && page.Count < take) page.Add(user);
            matched++;
        }
        return Task.FromResult(new UserPage(matched, counts, page));
    }

    Task<IReadOnlyList<string>> IUserDirectoryGrain.CloudIdsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. shard.State.CloudIds]);

    // Ordered by Cloud ID; a user that has not reported since this shard activated shows as polling, nothing counted yet.
    private IEnumerable<UserSummary> Summaries() => shard.State.CloudIds
        .Order(StringComparer.Ordinal)
        .Select(id => _summaries.TryGetValue(id, out var summary)
            ? summary
            : new UserSummary(id, PollingState.Polling, 0, null, PollErrorKind.None, null));
}

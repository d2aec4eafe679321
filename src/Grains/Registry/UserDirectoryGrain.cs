namespace Rainforest.Grains.Registry;

/// <summary>
/// One of 256 shards listing the registered users. Membership is persisted; summaries are soft state,
/// refreshed by the users themselves (on every state change and counter flush, and on activation).
/// </summary>
public sealed class UserDirectoryGrain(
    [PersistentState("directory", "Users")] IPersistentState<DirectoryShard> shard,
    ILogger<UserDirectoryGrain> logger) : Grain, IUserDirectoryGrain
{
    private readonly Dictionary<string, UserSummary> _summaries = [];

    async Task IUserDirectoryGrain.AddAsync(string cloudId)
    {
        if (shard.State.CloudIds.Add(cloudId)) await shard.WriteStateAsync();
    }

    async Task IUserDirectoryGrain.RemoveAsync(string cloudId)
    {
        _summaries.Remove(cloudId);
        if (shard.State.CloudIds.Remove(cloudId)) await shard.WriteStateAsync();
    }

    Task IUserDirectoryGrain.ReportAsync(UserSummary summary)
    {
        if (shard.State.CloudIds.Contains(summary.CloudId)) _summaries[summary.CloudId] = summary;
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<UserSummary>> IUserDirectoryGrain.ListAsync()
    {
        var list = shard.State.CloudIds
            .Order(StringComparer.Ordinal)
            .Select(id => _summaries.TryGetValue(id, out var summary)
                ? summary
                : new UserSummary(id, PollingState.Polling, 0, null, PollErrorKind.None, null))
            .ToList();
        return Task.FromResult<IReadOnlyList<UserSummary>>(list);
    }

    Task<int> IUserDirectoryGrain.WakeAllAsync()
    {
        foreach (var id in shard.State.CloudIds)
        {
            GrainFactory.GetGrain<IUserGrain>(id).WakeAsync();
        }
        if (shard.State.CloudIds.Count > 0)
        {
            logger.LogDebug("Directory shard {Shard} woke {Count} users", this.GetPrimaryKeyString(), shard.State.CloudIds.Count);
        }
        return Task.FromResult(shard.State.CloudIds.Count);
    }
}

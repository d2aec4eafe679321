namespace Rainforest.Silo.Cluster;

/// <summary>Wakes every registered user through the 256 directory shards; a user already polling ignores it.</summary>
public static class RegisteredUsers
{
    public static async Task<int> WakeAllAsync(IGrainFactory grains)
    {
        var counts = await Task.WhenAll(UserDirectory.AllShards()
            .Select(shard => grains.GetGrain<IUserDirectoryGrain>(shard).WakeAllAsync()));
        return counts.Sum();
    }
}

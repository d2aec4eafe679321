namespace Rainforest.Silo.Cluster;

/// <summary>Wakes every registered user through the directory; a user already polling ignores it.</summary>
public static class RegisteredUsers
{
    public static Task<int> WakeAllAsync(IGrainFactory grains) => grains.WakeAllUsersAsync();
}

namespace Rainforest.Silo.Hosting;

public static class StorageNames
{
    /// <summary>The grain storage of users and the directory (the name the grains' [PersistentState] uses).</summary>
    public const string Users = "Users";
}

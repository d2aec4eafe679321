namespace Rainforest.Grains.Registry;

/// <summary>The persisted part of a directory shard: just who is registered.</summary>
[GenerateSerializer]
public sealed class DirectoryShard
{
    [Id(0)] public HashSet<string> CloudIds { get; set; } = [];
}

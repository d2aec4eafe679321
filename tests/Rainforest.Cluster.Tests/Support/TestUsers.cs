namespace Rainforest.Cluster.Tests.Support;

/// <summary>Cloud IDs for a test: spread over the ID space (and so over directory shards and poll phases).</summary>
public static class TestUsers
{
    public static IReadOnlyList<string> Make(int count, int seed) =>
        Enumerable.Range(0, count).Select(i => ((seed * 0x10001 + i * 0x07A3B5) & 0xFFFFFF).ToString("x6")).Distinct().ToList();
}

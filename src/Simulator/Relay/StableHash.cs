namespace Rainforest.Simulator.Relay;

/// <summary>Deterministic hashing, so an account's identity and readings are the same in every run.</summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 0xcbf29ce484222325UL; // FNV-1a
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001b3UL;
        }
        return Mix(hash);
    }

    /// <summary>SplitMix64's finaliser: a cheap, well-spread 64-bit mix.</summary>
    public static ulong Mix(ulong value)
    {
        value += 0x9e3779b97f4a7c15UL;
        value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9UL;
        value = (value ^ (value >> 27)) * 0x94d049bb133111ebUL;
        return value ^ (value >> 31);
    }
}

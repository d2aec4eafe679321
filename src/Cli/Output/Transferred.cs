namespace Rainforest.Cli.Output;

/// <summary>What a transfer has passed on so far: bytes, and lines (each ends with a line break).</summary>
public readonly record struct Transferred(long Bytes, long Lines);

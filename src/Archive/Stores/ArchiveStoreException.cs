namespace Rainforest.Archive.Stores;

/// <summary>A failed store operation, classified so the shipper knows whether to back off or retry now.</summary>
public sealed class ArchiveStoreException(ArchiveErrorKind kind, string? code, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ArchiveErrorKind Kind { get; } = kind;

    /// <summary>The server's error code (e.g. NoSuchBucket) or our own short name for the failure.</summary>
    public string? Code { get; } = code;

    /// <summary>For an integrity failure: the version tag of what the store actually holds now.</summary>
    public string? StoredETag { get; init; }
}

namespace Rainforest.Archive.Stores;

/// <summary>
/// Where hour objects live: an S3 bucket or a local folder, addressed by the same keys. Every write is
/// confirmed (content hash checked) before it returns; failures throw <see cref="ArchiveStoreException"/>.
/// </summary>
public interface IArchiveStore
{
    /// <summary>Where objects go, for logs and the status (e.g. <c>s3://bucket/prefix</c>).</summary>
    string Target { get; }

    /// <summary>The object and its version tag, or null when there is none.</summary>
    Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="content"/> and confirms it arrived intact; returns the new version tag.
    /// With conditional writes on, the write succeeds only if the object is still at
    /// <paramref name="expectedETag"/> (or still absent when it is null).
    /// </summary>
    Task<string> WriteAsync(string key, byte[] content, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Copies an object to a new key (used to keep an unreadable object before replacing it).</summary>
    Task CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken);
}

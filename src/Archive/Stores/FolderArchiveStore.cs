using Rainforest.Archive.Configuration;
using Rainforest.Archive.Telemetry;
namespace Rainforest.Archive.Stores;

/// <summary>
/// Hour objects as files under a local folder, with the S3 key layout. A write goes to a temporary file
/// that is flushed to disk and renamed over the target, then read back and hash-checked.
/// </summary>
public sealed class FolderArchiveStore(IOptions<ArchiveOptions> options, ArchiveMetrics metrics) : IArchiveStore
{
    // Serialises writers of one key within this process (silos sharing a folder in one process, tests).
    private static readonly SemaphoreSlim[] KeyLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    private readonly string _root = Path.GetFullPath(options.Value.Directory);
    private readonly bool _conditional = options.Value.ConditionalWrites;

    public string Target => $"folder {_root}";

    public async Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            var content = await File.ReadAllBytesAsync(path, cancellationToken);
            return new StoredObject(content, ContentHash.ETagOf(content));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArchiveStoreException(ArchiveErrorKind.StoreIo, e.GetType().Name, $"Reading {path} failed: {e.Message}", e);
        }
    }

    public async Task<string> WriteAsync(string key, byte[] content, string? expectedETag, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var gate = KeyLocks[(StringComparer.Ordinal.GetHashCode(path) & int.MaxValue) % KeyLocks.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_conditional)
            {
                var current = await ReadAsync(key, cancellationToken);
                if (current?.ETag != expectedETag)
                {
                    throw new ArchiveStoreException(ArchiveErrorKind.Conflict, "PreconditionFailed",
                        $"{path} changed since it was read (expected {expectedETag ?? "no file"}, found {current?.ETag ?? "no file"}).");
                }
            }

            var started = Stopwatch.GetTimestamp();
            await WriteAtomicallyAsync(path, content, cancellationToken);

            var md5 = ContentHash.Md5(content);
            var stored = await ReadAsync(key, cancellationToken);
            if (stored is null || !ContentHash.ETagMatches(stored.ETag, md5, out _))
            {
                throw new ArchiveStoreException(ArchiveErrorKind.Integrity, "ReadBackMismatch",
                    $"{path} does not read back as written (MD5 {ContentHash.Hex(md5)}, read {stored?.ETag ?? "nothing"}).")
                {
                    StoredETag = stored?.ETag,
                };
            }

            metrics.Uploaded(content.Length, Stopwatch.GetElapsedTime(started));
            return stored.ETag;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken)
    {
        var source = await ReadAsync(sourceKey, cancellationToken)
            ?? throw new ArchiveStoreException(ArchiveErrorKind.StoreIo, "NoSuchKey", $"{PathOf(sourceKey)} vanished before it could be copied.");
        await WriteAtomicallyAsync(PathOf(destinationKey), source.Content, cancellationToken);
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                // On disk before it becomes visible under its real name: a crash leaves the old object or the new one.
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new ArchiveStoreException(ArchiveErrorKind.StoreIo, e.GetType().Name, $"Writing {path} failed: {e.Message}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray temporary file is harmless; it is never read as an object.
        }
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine([_root, .. key.Split('/')]));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArchiveStoreException(ArchiveErrorKind.Permanent, "InvalidKey", $"Key {key} leaves the archive folder.");
        }
        return path;
    }
}

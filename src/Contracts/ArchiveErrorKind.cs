namespace Rainforest.Contracts;

/// <summary>Why shipping an hour to the archive failed; the operator's first hint at what to fix.</summary>
public enum ArchiveErrorKind
{
    None,
    /// <summary>The archive could not be reached or answered with a server error; retried with back-off.</summary>
    Transient,
    /// <summary>The archive refused us (no such bucket, access denied, bad credentials); needs an operator, still retried.</summary>
    Permanent,
    /// <summary>The archive stored something other than what was sent (content hash mismatch); retried.</summary>
    Integrity,
    /// <summary>Another writer changed the object between our read and our write; retried with a fresh merge.</summary>
    Conflict,
    /// <summary>The folder archive could not be written (disk full, permissions).</summary>
    StoreIo,
    /// <summary>A local hour file could not be read or deleted.</summary>
    LocalFile,
    /// <summary>The hour's archive grain could not be reached in the cluster.</summary>
    Cluster,
}

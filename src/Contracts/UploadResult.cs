namespace Rainforest.Contracts;

/// <summary>What became of one upload: how many readings were logged and how many were repeats already logged.</summary>
[GenerateSerializer, Immutable]
public sealed record UploadResult(
    [property: Id(0)] UploadStatus Status,
    [property: Id(1)] int Logged = 0,
    [property: Id(2)] int Repeats = 0,
    [property: Id(3)] string? Detail = null);

public enum UploadStatus
{
    Accepted,
    /// <summary>No push user holds this secret (never issued, revoked, or the user was deleted).</summary>
    Unauthorized,
    /// <summary>The envelope comes from another gateway than the one the user's first upload pinned.</summary>
    OtherGateway,
    /// <summary>The hour file could not be written; nothing was counted.</summary>
    WriteFailed,
}

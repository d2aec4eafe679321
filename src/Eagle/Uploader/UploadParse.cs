namespace Rainforest.Eagle.Uploader;

/// <summary>
/// A parsed upload: the envelope's gateway MAC id, its demand readings and its summation and price fragments; or
/// why it was refused (a short reason that quotes no more than an escaped preview).
/// </summary>
public sealed record UploadParse(ulong MacId, IReadOnlyList<InstantaneousDemand> Readings, IReadOnlyList<UploadedCapture> Captured, string? Reason)
{
    public bool Accepted => Reason is null;

    public static UploadParse Refused(string reason) => new(0, [], [], reason);
}

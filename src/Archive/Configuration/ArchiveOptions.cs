using System.ComponentModel.DataAnnotations;

namespace Rainforest.Archive.Configuration;

/// <summary>
/// Where finished hours are shipped to, and how hard shipping tries. Bound from <c>Rainforest:Archive</c>;
/// the hour files are read from <see cref="LogsOptions.Directory"/>.
/// </summary>
public sealed class ArchiveOptions
{
    public const string SectionName = "Rainforest:Archive";
    public const string DefaultPrefix = "rainforest-logs";

    /// <summary>The S3 bucket; unset means the local folder archive in <see cref="Directory"/>.</summary>
    public string? Bucket { get; set; }

    /// <summary>An S3-compatible endpoint (addressed path-style); unset means AWS.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The AWS region; unset means the SDK's chain, or us-east-1 for a <see cref="ServiceUrl"/>.</summary>
    public string? Region { get; set; }

    /// <summary>The first key segment(s) of every object.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$", ErrorMessage = "Prefix is one or more '/'-separated segments of letters, digits, '.', '_' and '-'.")]
    public string Prefix { get; set; } = DefaultPrefix;

    /// <summary>The local folder archive (used when no bucket is set), with the same key layout.</summary>
    [Required]
    public string Directory { get; set; } = "data/archive";

    /// <summary>
    /// How long after an hour ends it is shipped. At least the <see cref="WriteGrace"/> the user grain may
    /// still write (checked by <see cref="ArchiveOptionsValidator"/>); the default leaves 75 s of the
    /// two-minute deadline for the uploads themselves.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ShipDelay { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Hour files shipped at once by one silo. Each takes two requests (read, write), so this mostly covers
    /// S3's latency: 32 keeps a few hundred files a second flowing against AWS.
    /// </summary>
    [Range(1, 256)]
    public int MaxParallelShipments { get; set; } = 32;

    /// <summary>First back-off after a failed shipment; doubled per failure up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each silo reports to the archive status grain.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StatusReportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A safety net: the log folder is rescanned at least this often, besides each hourly pass.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest a silo stop spends shipping its hour files (partial hours included). It is also bounded
    /// by the host's shutdown timeout; whatever is not shipped stays on disk for the next start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Timeout of one S3 request.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Writes carry If-Match / If-None-Match so a concurrent writer is detected instead of overwritten.
    /// Servers that ignore the headers still work; turn off only for one that rejects them.
    /// </summary>
    public bool ConditionalWrites { get; set; } = true;

    /// <summary>
    /// A single-part upload is confirmed by its ETag equalling the MD5 we sent (besides the server checking
    /// Content-MD5). Turn off for buckets whose ETag is not the MD5 (SSE-KMS).
    /// </summary>
    public bool VerifyETag { get; set; } = true;

    public bool UsesBucket => !string.IsNullOrWhiteSpace(Bucket);
}

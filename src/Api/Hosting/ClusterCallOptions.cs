using System.ComponentModel.DataAnnotations;

namespace Rainforest.Api.Hosting;

/// <summary>
/// How the HTTP API rides out silos coming and going (section <c>Rainforest:Cluster:Calls</c>): transient
/// failures of its grain calls are retried with exponential back-off and jitter; when the retries or the
/// budget run out, the request gets a 503 problem with <c>Retry-After</c>.
/// </summary>
public sealed class ClusterCallOptions
{
    public const string Section = "Rainforest:Cluster:Calls";

    /// <summary>Retries after the first attempt (0 turns retrying off).</summary>
    [Range(0, 50)]
    public int MaxRetries { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// No retry starts later than this after the first attempt. The default outlasts the detection of a
    /// killed silo (see <c>Orleans:Membership</c>), after which its grains answer from the survivors.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The standalone gateway's per-call response timeout (Orleans' default of 30 s is long for HTTP).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What a 503 tells the client to wait before trying again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}

using System.ComponentModel.DataAnnotations;

namespace Rainforest.Grains.Polling;

/// <summary>How users are polled (section <c>Rainforest:Polling</c>).</summary>
public sealed class PollingOptions
{
    public const string Section = "Rainforest:Polling";

    /// <summary>The fixed-rate schedule every user is polled on.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Counters are persisted after this many logged readings (and on hour change and deactivation).</summary>
    [Range(1, 10_000)]
    public int PersistEveryReadings { get; set; } = 10;

    /// <summary>After the relay rejects the credentials, how long until the next try.</summary>
    [Range(typeof(TimeSpan), "00:00:06", "1.00:00:00")]
    public TimeSpan CredentialsRejectedRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between tries while a gateway keeps failing.</summary>
    [Range(typeof(TimeSpan), "00:00:06", "1.00:00:00")]
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A gateway whose clock went back is believed again after this many readings in a row behind the last
    /// logged one, each later than the one before (readings that keep going backwards are never believed).
    /// </summary>
    [Range(1, 10_000)]
    public int AcceptClockResetAfter { get; set; } = 10;
}

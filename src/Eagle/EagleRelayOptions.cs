namespace Rainforest.Eagle;

/// <summary>How to reach the Rainforest cloud relay. Bound from the "Rainforest:Eagle" configuration section.</summary>
public sealed class EagleRelayOptions
{
    public const string SectionName = "Rainforest:Eagle";

    public static readonly Uri DefaultCloudUrl = new("https://rainforestcloud.com:9445/cgi-bin/post_manager");

    /// <summary>Upper bound for <see cref="RequestTimeout"/>; also catches "5" being read as five days.</summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMinutes(1);

    public Uri CloudUrl { get; set; } = DefaultCloudUrl;

    /// <summary>Whole-request budget: connect, TLS, headers and body. Must stay below the polling period.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Only an explicit <c>false</c> turns TLS certificate verification off (test relays with self-signed certificates).</summary>
    public bool VerifyCertificate { get; set; } = true;

    /// <summary>
    /// Concurrent connections to the relay from one process. Every user goes through the same host, so this must
    /// exceed the number of requests in flight at once, or one slow gateway would queue others behind it.
    /// </summary>
    public int MaxConnectionsPerServer { get; set; } = 4096;
}

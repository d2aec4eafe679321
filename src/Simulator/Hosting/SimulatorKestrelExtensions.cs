namespace Rainforest.Simulator.Hosting;

/// <summary>Kestrel sized for a benchmark of 100k accounts polled every 6 s over kept-alive connections.</summary>
public static class SimulatorKestrelExtensions
{
    /// <summary>Listen backlog for connection bursts when many pollers (re)connect at once.</summary>
    internal const int ListenBacklog = 4096;

    public static KestrelServerOptions UseRelaySimulatorLimits(this KestrelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddServerHeader = false;
        options.Limits.MaxConcurrentConnections = null;
        options.Limits.MaxConcurrentUpgradedConnections = null;
        // Well above the poll period, so a client's connection is reused rather than re-opened every 6 s.
        options.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
        options.Limits.MaxRequestBodySize = 1024 * 1024;
        options.Limits.Http2.MaxStreamsPerConnection = 1000;
        return options;
    }
}

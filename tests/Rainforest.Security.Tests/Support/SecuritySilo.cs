namespace Rainforest.Security.Tests.Support;

/// <summary>
/// The silo process the security tests attack: a cluster of its own, a relay timeout under the poll period, and
/// its whole output kept in a transcript file beside its data directory (a search for secrets must see every line).
/// </summary>
public static class SecuritySilo
{
    /// <param name="root">A directory of the test's own; the silo gets <c>root/name</c> and <c>root/name.transcript.log</c>.</param>
    /// <param name="settings">Configuration on top of the defaults, passed as <c>--Key=value</c>.</param>
    /// <param name="environment">Extra environment variables (the OpenTelemetry exporter reads its own).</param>
    /// <param name="extraHosts">Further IP addresses to listen on (to be reached from a non-loopback address).</param>
    public static SiloProcess Create(string root, string name, IDictionary<string, string>? settings = null,
        IDictionary<string, string>? environment = null, IEnumerable<IPAddress>? extraHosts = null)
    {
        var dataDirectory = Path.Combine(root, name);
        Directory.CreateDirectory(dataDirectory);
        var all = new Dictionary<string, string>
        {
            ["Rainforest:Eagle:RequestTimeout"] = "00:00:04",
            ["Orleans:ClusterId"] = "security-" + name,
            ["Orleans:ServiceId"] = "security-" + name,
            ["Logging:LogLevel:Polly"] = "Warning",
            // On (it is off by default), so its routes are held to the same rules as the API's.
            ["Rainforest:Dashboard:Enabled"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        return new SiloProcess(dataDirectory, all, environment: environment,
            transcriptPath: Path.Combine(root, name + ".transcript.log"), alsoListenOn: extraHosts);
    }
}

namespace Rainforest.Simulator;

/// <summary>How a simulator is started. Bindable from configuration (<c>--AutoAccounts=true</c>, …).</summary>
public sealed class SimulatorOptions
{
    /// <summary>TCP port to listen on; 0 picks any free port (embedded use only).</summary>
    public int Port { get; set; }

    /// <summary>Serve TLS with a self-signed certificate generated at start, like the real relay on 9445.</summary>
    public bool Https { get; set; }

    /// <summary>Every six-hex-digit Cloud ID is an account with the default credentials unless overridden.</summary>
    public bool AutoAccounts { get; set; }

    /// <summary>The simulator's clock: reading time stamps, delays and the request log. Defaults to the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Requests remembered per account (a ring; grows on demand). Lower it for very large benchmarks,
    /// 0 turns the per-account log off (totals in the stats are always kept).
    /// </summary>
    public int RequestLogCapacity { get; set; } = 2000;

    /// <summary>
    /// Serve a large fleet cheaply (<c>--lean</c>): an account without a fault gets the same rendered demand reply for
    /// every request in one six-second slot (a real gateway's reading changes no faster), relay commands are
    /// recognised from the bytes of ones seen before instead of parsed. The per-account request log still keeps
    /// <see cref="RequestLogCapacity"/> entries (a benchmark reads each poll's lateness from it; keep it small for a
    /// large fleet, 0 turns it off). Accounts with a fault or a
    /// delay are served exactly as without it.
    /// </summary>
    public bool Lean { get; set; }

    /// <summary>The slot a lean reply is rendered for: replies are reused within it.</summary>
    public static readonly TimeSpan LeanSlot = TimeSpan.FromSeconds(6);
}

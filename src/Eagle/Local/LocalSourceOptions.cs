namespace Rainforest.Eagle.Local;

/// <summary>Which addresses local gateways may be reached at. Bound from "Rainforest:Sources:Local", validated at start.</summary>
public sealed class LocalSourceOptions
{
    public const string SectionName = "Rainforest:Sources:Local";

    /// <summary>
    /// The private ranges. Loopback and link-local (169.254.0.0/16, fe80::/10, where cloud metadata services live)
    /// are left out on purpose: they are reachable only when listed.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultAllowedNetworks = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

    /// <summary>CIDRs (<c>192.168.0.0/16</c>); when any are configured they replace <see cref="DefaultAllowedNetworks"/>.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public IReadOnlyList<string> EffectiveAllowedNetworks => AllowedNetworks.Count > 0 ? AllowedNetworks : DefaultAllowedNetworks;
}

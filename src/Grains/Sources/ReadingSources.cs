using Rainforest.Domain.Users;
using Rainforest.Eagle;
using Rainforest.Eagle.Local;

namespace Rainforest.Grains.Sources;

/// <summary>Makes a user's reading source from its record's choice, and checks a local gateway's address before it is stored.</summary>
public sealed class ReadingSources(EagleRelayClient relay, EagleLocalClient local, GatewayNetworks networks)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public IReadingSource Relay(EagleCredentials credentials) => new RelayReadingSource(relay, credentials);

    public IReadingSource Local(LocalGateway gateway) => new LocalReadingSource(local, gateway);

    /// <summary>
    /// The gateway URL in its stored spelling, once every address its host resolves to now is allowed.
    /// Checked again on every connection, so a name that later resolves elsewhere is refused then too.
    /// </summary>
    /// <exception cref="ArgumentException">Not a gateway URL (the API refuses these before they get here).</exception>
    /// <exception cref="GatewayAddressRefusedException">The host resolves outside the allowed networks, or not at all.</exception>
    public async Task<string> CheckGatewayAsync(string? gatewayUrl, CancellationToken cancellationToken = default)
    {
        if (!GatewayUrl.TryParse(gatewayUrl, out var root)) throw new ArgumentException(GatewayUrl.Rule, nameof(gatewayUrl));
        // The grain waits for this answer, polls included: a name server that does not answer must not hold it long.
        using var resolving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        resolving.CancelAfter(ResolveTimeout);
        try
        {
            await networks.ResolveAllAllowedAsync(root.DnsSafeHost, resolving.Token);
        }
        catch (GatewayAddressRefused refused)
        {
            throw new GatewayAddressRefusedException(refused.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayAddressRefusedException($"the gateway's host name {root.DnsSafeHost} did not resolve within {ResolveTimeout.TotalSeconds:0} s");
        }

        return GatewayUrl.Canonical(root);
    }
}

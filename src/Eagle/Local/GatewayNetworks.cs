using System.Net;
using System.Net.Sockets;
using Rainforest.Domain.Descriptors;
using Rainforest.Eagle.Connections;

namespace Rainforest.Eagle.Local;

/// <summary>
/// The networks local gateways may be reached at, and the one place that turns a gateway host into the address
/// actually connected to: resolved, filtered, then connected. Checking the address connected to (not the name)
/// is what keeps a name that resolves elsewhere later, or a registration that points at cloud metadata or at
/// the silo itself, from making the silo a proxy.
/// </summary>
public sealed class GatewayNetworks
{
    private readonly IPNetwork[] _allowed;

    public GatewayNetworks(IOptions<LocalSourceOptions> options)
        : this(options.Value.EffectiveAllowedNetworks)
    {
    }

    public GatewayNetworks(IEnumerable<string> cidrs) =>
        _allowed = [.. cidrs.Select(c => IPNetwork.Parse(c.Trim()))];

    /// <summary>The descriptor budget's connection slots: each local gateway is a server of its own, so the handler has no global cap.</summary>
    public DescriptorSlots? Connections { get; init; }

    public bool IsAllowed(IPAddress address)
    {
        // ::ffff:10.0.0.1 is 10.0.0.1 on the wire.
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return _allowed.Any(network => network.Contains(address));
    }

    /// <summary>The addresses <paramref name="host"/> stands for now, every one of them allowed.</summary>
    /// <exception cref="GatewayAddressRefused">None, or not all of them, are allowed (or the name does not resolve).</exception>
    public async Task<IPAddress[]> ResolveAllAllowedAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new GatewayAddressRefused($"the gateway's host name {host} does not resolve ({ex.SocketErrorCode})");
        }

        var refused = addresses.Where(a => !IsAllowed(a)).ToArray();
        if (refused.Length > 0)
        {
            throw new GatewayAddressRefused($"the gateway's address {string.Join(", ", refused.Select(a => a.ToString()))} " +
                "is outside Rainforest:Sources:Local:AllowedNetworks");
        }

        return addresses;
    }

    /// <summary>A SocketsHttpHandler.ConnectCallback: connects only to an allowed address of the request's host.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = await ResolveAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(IsAllowed).ToArray();
        if (allowed.Length == 0)
        {
            throw new GatewayAddressRefused($"the gateway's address {string.Join(", ", addresses.Select(a => a.ToString()))} " +
                "is outside Rainforest:Sources:Local:AllowedNetworks");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            // A slot before each socket; a connect that fails gives it back before the next address is tried.
            BudgetedConnection.Acquire(Connections);
            try
            {
                return await BudgetedConnection.ConnectAsync(new IPEndPoint(address, endpoint.Port), address.AddressFamily, Connections, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                last = ex;
            }
        }

        throw last!;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var literal)) return [literal];
        // A name that does not resolve is an unreachable gateway at poll time (a SocketException), not a refusal.
        var addresses = await Dns.GetHostAddressesAsync(bare, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }
}

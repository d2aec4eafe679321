using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Rainforest.Silo.Cluster;

/// <summary>
/// The address other silos and gateways reach this silo at. It must be a concrete IP: taken from
/// <c>Orleans:Endpoints:AdvertisedIPAddress</c>, else the pod's IP in Kubernetes, else the container's own
/// address in a container, else loopback (a cluster on one machine).
/// </summary>
public static class AdvertisedAddress
{
    public const string Key = "Orleans:Endpoints:AdvertisedIPAddress";

    public static IPAddress Resolve(IConfiguration configuration)
    {
        var configured = configuration[Key];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.TryParse(configured, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
                ? address
                : throw new InvalidOperationException($"{Key} must be a concrete IP address that other silos can reach, not '{configured}'.");
        }
        if (KubernetesEnvironment.PodIp is { } podIp) return podIp;
        if (Environment.GetEnvironmentVariable("DOTNET_RUNNING_IN_CONTAINER") == "true" && OwnAddress() is { } own) return own;
        return IPAddress.Loopback;
    }

    private static IPAddress? OwnAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
        .Select(unicast => unicast.Address)
        .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
}

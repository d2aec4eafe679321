using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Rainforest.Security.Tests.Support;

public static class NetworkAddresses
{
    /// <summary>An IPv4 address of this machine that is not loopback, so a request to it arrives from a non-loopback peer.</summary>
    public static IPAddress? NonLoopback() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}

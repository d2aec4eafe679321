using System.Net;
using System.Net.Sockets;

namespace Rainforest.Testing;

public static class FreePort
{
    // Below Linux's ephemeral range (32768 and up by default): a port handed out here is never taken meanwhile as
    // the local end of some outgoing connection, so a process restarted on its old ports (a killed silo coming
    // back) finds them free.
    private const int First = 20000;
    private const int Last = 32000;

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A TCP port nobody listens on right now and no earlier call in this process has returned.</summary>
    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(First, Last);
                if (HandedOut.Contains(port) || !IsFree(port)) continue;
                HandedOut.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"no free TCP port between {First} and {Last}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

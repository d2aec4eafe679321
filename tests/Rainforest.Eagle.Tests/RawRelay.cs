using System.Net.Sockets;

namespace Rainforest.Eagle.Tests;

/// <summary>
/// A one-shot loopback relay that writes exact bytes and then closes its side cleanly, for replies a
/// well-behaved server such as Kestrel refuses to produce (a body shorter than its Content-Length).
/// </summary>
public sealed class RawRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _serving;

    public RawRelay(string rawResponse)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/cgi-bin/post_manager");
        _serving = ServeOnceAsync(Encoding.ASCII.GetBytes(rawResponse));
    }

    public Uri Url { get; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The test is over; a listener stopped before any client came is fine.
        }
    }

    private async Task ServeOnceAsync(byte[] response)
    {
        using var socket = await _listener.AcceptSocketAsync();
        var request = new StringBuilder();
        var buffer = new byte[4096];
        // The command body ends the request; read it all so closing never resets unread data.
        while (!request.ToString().Contains("</Command>", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (read == 0)
            {
                return;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await socket.SendAsync(response, SocketFlags.None);
        socket.Shutdown(SocketShutdown.Send);
        // Wait for the client to close its side so the connection ends with FIN, not RST.
        while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
        {
        }
    }
}

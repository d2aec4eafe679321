using System.Net.Sockets;

namespace Rainforest.Security.Tests.Support;

/// <summary>
/// Sends bytes that no HTTP client library would send, on a fresh connection, and reads back the status of
/// whatever the server answered (null when it closed the connection without a status line).
/// </summary>
public static class RawHttp
{
    /// <summary>How long to wait for an answer before treating the request as unfinished.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public static async Task<int?> SendAsync(Uri server, byte[] request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.Host, server.Port);
        var received = new MemoryStream();
        try
        {
            await socket.SendAsync(request, SocketFlags.None);
            if (!await ReceiveStatusLineAsync(socket, received, Patience))
            {
                // The server still waits for the rest of a request cut short: end it, and take whatever comes.
                socket.Shutdown(SocketShutdown.Send);
                await ReceiveStatusLineAsync(socket, received, Patience);
            }
        }
        catch (SocketException)
        {
            // The server may reset a connection it refuses to read; what arrived before still counts.
        }
        return StatusOf(received.ToArray());
    }

    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    // True once a status line arrived or the server closed the connection; false when the time ran out.
    private static async Task<bool> ReceiveStatusLineAsync(Socket socket, MemoryStream received, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (!HasStatusLine(received))
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0) return true;
                received.Write(buffer, 0, read);
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static bool HasStatusLine(MemoryStream received) =>
        received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf("\r\n"u8) >= 0;

    private static int? StatusOf(byte[] response)
    {
        var text = Encoding.Latin1.GetString(response);
        if (!text.StartsWith("HTTP/1.", StringComparison.Ordinal) || text.Length < 12) return null;
        return int.TryParse(text.AsSpan(9, 3), out var status) ? status : null;
    }
}

using System.Net;
using System.Net.Sockets;
using Rainforest.Domain.Descriptors;

namespace Rainforest.Eagle.Connections;

/// <summary>
/// Sockets to gateways counted against the process's <see cref="DescriptorBudget"/>: a slot is taken before the
/// socket exists and given back when SocketsHttpHandler disposes the connection's stream (or the connect fails).
/// </summary>
public static class BudgetedConnection
{
    /// <summary>Takes a slot or throws <see cref="ConnectionsExhausted"/>; null slots mean no budget (tests).</summary>
    public static void Acquire(DescriptorSlots? slots)
    {
        if (slots is not null && !slots.TryAcquire()) throw new ConnectionsExhausted(slots.Capacity);
    }

    /// <summary>Connects to <paramref name="endpoint"/> under a slot already taken; the slot is released on failure.</summary>
    public static async ValueTask<Stream> ConnectAsync(EndPoint endpoint, AddressFamily family, DescriptorSlots? slots, CancellationToken cancellationToken)
    {
        Socket? socket = null;
        try
        {
            socket = family == AddressFamily.Unspecified
                ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
                : new Socket(family, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new SlotStream(socket, slots);
        }
        catch
        {
            socket?.Dispose();
            slots?.Release();
            throw;
        }
    }

    /// <summary>A SocketsHttpHandler.ConnectCallback for one fixed server (the relay): a slot, then the default connect.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Callback(DescriptorSlots slots) =>
        (context, cancellationToken) =>
        {
            Acquire(slots);
            return ConnectAsync(context.DnsEndPoint, AddressFamily.Unspecified, slots, cancellationToken);
        };

    // Releases its slot exactly once, however often the handler disposes it.
    private sealed class SlotStream(Socket socket, DescriptorSlots? slots) : NetworkStream(socket, ownsSocket: true)
    {
        private int _released;

        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            finally
            {
                if (Interlocked.Exchange(ref _released, 1) == 0) slots?.Release();
            }
        }
    }
}

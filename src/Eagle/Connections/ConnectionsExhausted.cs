namespace Rainforest.Eagle.Connections;

/// <summary>
/// Every outgoing gateway connection this process may open is open (<c>Rainforest:Descriptors:MaxConnections</c>):
/// the poll is refused before a socket is made, so the descriptor limit is never reached.
/// </summary>
public sealed class ConnectionsExhausted(int capacity)
    : IOException($"all {capacity} gateway connections this silo may open are in use (Rainforest:Descriptors)")
{
    public int Capacity { get; } = capacity;
}

namespace Rainforest.Grains.Uploads;

/// <summary>The last few gateway timestamps a push user logged, so a re-sent envelope is not logged twice.</summary>
public sealed class RecentTimeStamps(int capacity)
{
    private readonly Queue<ulong> _order = new();
    private readonly HashSet<ulong> _seen = [];

    public bool Contains(ulong timeStamp) => _seen.Contains(timeStamp);

    public void Add(ulong timeStamp)
    {
        if (!_seen.Add(timeStamp)) return;
        _order.Enqueue(timeStamp);
        if (_order.Count > capacity) _seen.Remove(_order.Dequeue());
    }
}

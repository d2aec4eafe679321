namespace Rainforest.Eagle.Connections;

/// <summary>
/// At most <see cref="Capacity"/> relay requests in flight, so the relay's pool never needs more connections than
/// the descriptor budget gives it. A request that finds every connection busy waits in turn, but only for part of
/// its timeout (one that got in with no time left would only time out), and is refused with a reason
/// (<see cref="RelayOutcomeKind.ConnectionsBusy"/>) when none frees in time.
/// </summary>
public sealed class RelayConnectionGate(int capacity)
{
    private readonly SemaphoreSlim _free = new(capacity, capacity);
    private long _refused;

    public int Capacity { get; } = capacity;

    public int InUse => Capacity - _free.CurrentCount;

    /// <summary>Requests refused since start because no connection freed within their timeout.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>False when no connection is free within <paramref name="patience"/>; throws only when the caller cancels.</summary>
    public async ValueTask<bool> EnterAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        if (_free.Wait(0)) return true;
        if (await _free.WaitAsync(patience, cancellationToken).ConfigureAwait(false)) return true;
        Interlocked.Increment(ref _refused);
        return false;
    }

    public void Leave() => _free.Release();
}

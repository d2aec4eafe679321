namespace Rainforest.Domain.Resilience;

/// <summary>
/// The one back-off rule of the code base: exponential from <c>initial</c>, capped at <c>max</c>, with
/// ±20 % jitter so that thousands of gateways, or several silos, that failed together do not retry together.
/// </summary>
public static class Backoff
{
    private const int MaxDoublings = 30;

    /// <summary>The wait after the <paramref name="failures"/>-th consecutive failure (1 = the first).</summary>
    public static TimeSpan After(int failures, TimeSpan initial, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        var doublings = Math.Clamp(failures - 1, 0, MaxDoublings);
        var ticks = Math.Min(initial.Ticks * Math.Pow(2, doublings), max.Ticks);
        var jitter = 0.8 + ((random ?? Random.Shared).NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)Math.Clamp(ticks * jitter, initial.Ticks, max.Ticks));
    }
}

namespace Rainforest.Archive;

/// <summary>Exponential back-off with jitter, so a recovering archive is not hit by every silo at once.</summary>
public static class ShipBackoff
{
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan max)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ticks = Math.Min(initial.Ticks * Math.Pow(2, exponent), max.Ticks);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)Math.Min(ticks * jitter, max.Ticks));
    }
}

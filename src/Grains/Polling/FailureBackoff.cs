using Polly.Contrib.WaitAndRetry;

namespace Rainforest.Grains.Polling;

/// <summary>
/// How long a failing gateway is left alone: exponential back-off with decorrelated jitter (so thousands of
/// gateways that failed together do not come back together), capped, restarting at the period on success.
/// </summary>
public static class FailureBackoff
{
    private const int MaxSteps = 16;

    public static TimeSpan After(int consecutiveFailures, TimeSpan period, TimeSpan cap)
    {
        if (consecutiveFailures <= 1) return period;
        var steps = Math.Min(consecutiveFailures - 1, MaxSteps);
        var delay = Backoff.DecorrelatedJitterBackoffV2(period, steps).Last();
        return delay < period ? period : delay > cap ? cap : delay;
    }
}

using Rainforest.Domain.Resilience;

namespace Rainforest.Grains.Polling;

/// <summary>
/// How long a failing gateway is left alone: a single failure costs nothing (the next slot), after that the
/// code base's one back-off rule, doubling from the period up to the cap with jitter, so that thousands of
/// gateways that failed together do not come back together.
/// </summary>
public static class FailureBackoff
{
    public static TimeSpan After(int consecutiveFailures, TimeSpan period, TimeSpan cap, Random? random = null) =>
        consecutiveFailures <= 1 ? period : Backoff.After(consecutiveFailures, period, cap, random);
}

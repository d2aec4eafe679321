namespace Rainforest.Grains.Polling;

/// <summary>
/// When a user may be polled again after a poll. A reading that was refused or could not be read is no outage
/// (the next slot), nor is a silo whose gateway connections were all busy; rejected credentials wait minutes, not seconds; a gateway that is down or slow is backed off.
/// </summary>
public sealed class RetryRule(TimeSpan period, TimeSpan credentialsRejectedRetry, TimeSpan backoffCap, Random? random = null)
{
    public RetryRule(PollingOptions options)
        : this(options.Period, options.CredentialsRejectedRetry, options.BackoffCap)
    {
    }

    /// <summary>The earliest time for the next poll after one that started at <paramref name="started"/> and ended now.</summary>
    public DateTimeOffset EarliestNextPoll(PollErrorKind error, int consecutiveFailures, DateTimeOffset started, DateTimeOffset now) =>
        error switch
        {
            PollErrorKind.None or PollErrorKind.StaleReading or PollErrorKind.Malformed or PollErrorKind.Incomplete
                or PollErrorKind.MeterNotDelivering or PollErrorKind.ConnectionsBusy => now,
            PollErrorKind.CredentialsRejected => started + credentialsRejectedRetry,
            _ => started + FailureBackoff.After(consecutiveFailures, period, backoffCap, random),
        };
}

using Rainforest.Contracts;
using Rainforest.Eagle;
using Rainforest.Grains.Polling;

namespace Rainforest.Grains.Tests.Policies;

public sealed class RetryRuleTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);
    private static readonly DateTimeOffset Started = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Started + TimeSpan.FromSeconds(2);

    private readonly RetryRule _rule = new(Period, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1), new Random(5));

    [Theory]
    [InlineData(PollErrorKind.None)]
    [InlineData(PollErrorKind.StaleReading)]
    [InlineData(PollErrorKind.Malformed)]
    [InlineData(PollErrorKind.Incomplete)]
    public void A_reading_logged_refused_or_unreadable_is_no_outage_the_next_slot_follows(PollErrorKind error)
    {
        Assert.Equal(Now, _rule.EarliestNextPoll(error, 9, Started, Now));
    }

    [Fact]
    public void Rejected_credentials_wait_minutes_from_the_try()
    {
        Assert.Equal(Started + TimeSpan.FromMinutes(5), _rule.EarliestNextPoll(PollErrorKind.CredentialsRejected, 3, Started, Now));
    }

    [Theory]
    [InlineData(PollErrorKind.HttpError)]
    [InlineData(PollErrorKind.Timeout)]
    [InlineData(PollErrorKind.Unreachable)]
    [InlineData(PollErrorKind.RelayError)]
    [InlineData(PollErrorKind.WriteFailed)]
    public void An_outage_is_backed_off_from_the_try_up_to_the_cap(PollErrorKind error)
    {
        Assert.Equal(Started + Period, _rule.EarliestNextPoll(error, 1, Started, Now));
        var waits = Enumerable.Range(1, 12).Select(failures => _rule.EarliestNextPoll(error, failures, Started, Now) - Started).ToList();
        Assert.All(waits, wait => Assert.InRange(wait, Period, TimeSpan.FromMinutes(1)));
        Assert.True(waits[4] > 4 * Period, $"no back-off: {string.Join(", ", waits)}");
    }

    [Theory]
    [InlineData(RelayOutcomeKind.Reading, PollErrorKind.None)]
    [InlineData(RelayOutcomeKind.CredentialsRejected, PollErrorKind.CredentialsRejected)]
    [InlineData(RelayOutcomeKind.HttpError, PollErrorKind.HttpError)]
    [InlineData(RelayOutcomeKind.Timeout, PollErrorKind.Timeout)]
    [InlineData(RelayOutcomeKind.Unreachable, PollErrorKind.Unreachable)]
    [InlineData(RelayOutcomeKind.Malformed, PollErrorKind.Malformed)]
    [InlineData(RelayOutcomeKind.RelayError, PollErrorKind.RelayError)]
    public void Each_relay_outcome_names_its_reason(RelayOutcomeKind outcome, PollErrorKind error)
    {
        Assert.Equal(error, outcome.ToPollError());
    }
}

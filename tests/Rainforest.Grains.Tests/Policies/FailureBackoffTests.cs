using Rainforest.Grains.Polling;

namespace Rainforest.Grains.Tests.Policies;

public sealed class FailureBackoffTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_single_failure_costs_nothing_the_next_slot_retries()
    {
        Assert.Equal(Period, FailureBackoff.After(1, Period, Cap, new Random(1)));
    }

    [Fact]
    public void Repeated_failures_double_the_wait_within_the_jitter_and_stop_at_the_cap()
    {
        var random = new Random(7);
        for (var failures = 2; failures <= 40; failures++)
        {
            var doubled = Math.Min(Period.TotalSeconds * Math.Pow(2, failures - 1), Cap.TotalSeconds);
            var wait = FailureBackoff.After(failures, Period, Cap, random).TotalSeconds;
            Assert.InRange(wait, Math.Max(Period.TotalSeconds, doubled * 0.8) - 1e-6, Math.Min(Cap.TotalSeconds, doubled * 1.2) + 1e-6);
        }
        Assert.Equal(Cap, Enumerable.Range(0, 50).Select(_ => FailureBackoff.After(40, Period, Cap, random)).Max());
    }

    [Fact]
    public void Gateways_that_failed_together_do_not_come_back_together()
    {
        var waits = Enumerable.Range(0, 100).Select(_ => FailureBackoff.After(5, Period, Cap)).Distinct().Count();
        Assert.True(waits > 50, $"only {waits} different waits");
    }
}

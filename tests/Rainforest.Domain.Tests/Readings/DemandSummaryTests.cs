using Rainforest.Domain.Readings;

namespace Rainforest.Domain.Tests.Readings;

/// <summary>Steps carry what a chart needs: count, mean/min/max kW and energy.</summary>
public sealed class DemandSummaryTests
{
    private static readonly DateTimeOffset From = DateTimeOffset.Parse("2026-01-01T00:00:00Z");

    // Negative demand is sent as 32-bit two's complement, as gateways do under export.
    private static DemandReading At(TimeSpan offset, double kilowatts) => new(
        (ulong)(From + offset - GatewayDemand.Epoch).TotalSeconds, 1, 2, (ulong)(long)Math.Round(kilowatts * 1000) & 0xFFFF_FFFF, 1, 1000, 3, 6, "Y");

    private static List<DemandStep> Summarise(TimeSpan step, params DemandReading[] readings)
    {
        var summary = new DemandSummary(From, step);
        var steps = readings.Select(r => summary.Add(r)).OfType<DemandStep>().ToList();
        if (summary.Complete() is { } last) steps.Add(last);
        return steps;
    }

    [Fact]
    public void One_minute_of_steady_polls_is_one_step_with_its_energy()
    {
        var readings = Enumerable.Range(0, 10).Select(i => At(TimeSpan.FromSeconds(6 * i), 1.2)).ToArray();

        var step = Assert.Single(Summarise(TimeSpan.FromMinutes(1), readings));

        Assert.Equal(From, step.Start);
        Assert.Equal(10, step.Count);
        Assert.Equal(1.2, step.MeanKilowatts, 9);
        Assert.Equal(1.2 / 60, step.EnergyKilowattHours, 9); // 1.2 kW for one minute
    }

    [Fact]
    public void Readings_fall_into_their_own_steps_with_mean_min_and_max()
    {
        var steps = Summarise(TimeSpan.FromMinutes(1),
            At(TimeSpan.FromSeconds(0), 1), At(TimeSpan.FromSeconds(30), 3),
            At(TimeSpan.FromMinutes(5), -2));

        Assert.Equal(2, steps.Count);
        Assert.Equal((2, 2.0, 1.0, 3.0), (steps[0].Count, steps[0].MeanKilowatts, steps[0].MinKilowatts, steps[0].MaxKilowatts));
        Assert.Equal(From + TimeSpan.FromMinutes(5), steps[1].Start);
        Assert.Equal(-2, steps[1].MeanKilowatts, 9);
    }

    [Fact]
    public void A_gap_in_the_data_is_not_counted_as_consumption()
    {
        // 2 kW, then nothing for an hour: the reading holds one minute at most, not the whole hour.
        var steps = Summarise(TimeSpan.FromDays(1), At(TimeSpan.Zero, 2), At(TimeSpan.FromHours(1), 0));

        Assert.Equal(2.0 / 60, Assert.Single(steps).EnergyKilowattHours, 9);
    }

    [Fact]
    public void Readings_before_the_start_are_left_out() =>
        Assert.Empty(Summarise(TimeSpan.FromMinutes(1), At(TimeSpan.FromSeconds(-6), 1)));
}

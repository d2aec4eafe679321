namespace Rainforest.Domain.Readings;

/// <summary>What a chart needs of one step of a user's readings.</summary>
/// <param name="Start">The step's first instant (UTC); the step ends where the next begins.</param>
/// <param name="Count">Readings whose gateway time falls in the step.</param>
/// <param name="EnergyKilowattHours">Each reading's demand held until the next reading, at most
/// <see cref="DemandSummary.LongestHold"/> (a longer gap is missing data, not consumption).</param>
public sealed record DemandStep(DateTimeOffset Start, int Count, double MeanKilowatts, double MinKilowatts,
    double MaxKilowatts, double EnergyKilowattHours);

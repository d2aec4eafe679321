namespace Rainforest.Archive.Readings;

/// <summary>A silo that may hold part of an hour not shipped yet did not give it: the hour cannot be answered in full now.</summary>
public sealed class UnshippedHoursUnavailableException(string place, Exception inner)
    : Exception($"The hour files on {place} cannot be read right now: {inner.Message}", inner)
{
    public string Place { get; } = place;
}

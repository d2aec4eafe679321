using Rainforest.Domain.Readings;

namespace Rainforest.Archive.Readings;

/// <summary>
/// One logged line exactly as written (without its newline), its gateway TimeStamp and, for a demand line, what it
/// decodes to (a summation or price line is served as written: <see cref="Reading"/> is empty for those).
/// </summary>
public readonly record struct LoggedReading(string Line, DemandReading Reading)
{
    public ulong TimeStamp { get; init; } = Reading.TimeStamp;
}

using Rainforest.Domain.Readings;

namespace Rainforest.Archive.Readings;

/// <summary>One logged line exactly as written (without its newline) and what it decodes to.</summary>
public readonly record struct LoggedReading(string Line, DemandReading Reading);

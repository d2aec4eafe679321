namespace Rainforest.Eagle.Tests;

public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);

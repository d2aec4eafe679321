using Microsoft.Extensions.Logging;

namespace Rainforest.Grains.Tests;

public sealed record LogEntry(string Category, LogLevel Level, string Message);

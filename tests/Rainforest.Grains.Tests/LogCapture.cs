using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Rainforest.Grains.Tests;

/// <summary>Keeps every log entry written through it, for assertions on what the silo said and how often.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new CapturedLogger(categoryName, _entries);

    public void Dispose()
    {
    }
}

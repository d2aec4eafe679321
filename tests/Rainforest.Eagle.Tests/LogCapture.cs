using System.Collections.Concurrent;

namespace Rainforest.Eagle.Tests;

/// <summary>Keeps every log line written through it, at every level, for assertions.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new CapturedLogger(categoryName, _entries);

    public void Dispose()
    {
    }
}

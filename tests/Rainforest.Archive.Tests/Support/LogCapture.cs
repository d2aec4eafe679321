using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Rainforest.Archive.Tests.Support;

/// <summary>Keeps what the archive logs, so tests can check what an operator would see.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public IEnumerable<LogEntry> From<T>(LogLevel atLeast = LogLevel.Trace) =>
        Entries.Where(e => e.Category == typeof(T).FullName && e.Level >= atLeast);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    public sealed record LogEntry(string Category, LogLevel Level, string Message);

    private sealed class Logger(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category.StartsWith("Rainforest", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) capture._entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception)));
        }
    }
}

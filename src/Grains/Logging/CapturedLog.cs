using Rainforest.Domain.HourFiles;

namespace Rainforest.Grains.Logging;

/// <summary>
/// One user's sibling hour files for the captured kinds (summation, price), each an <see cref="HourLog"/> of its
/// own beside the demand file. Every captured line of a user, polled or pushed, is written through here.
/// </summary>
public sealed class CapturedLog(string logsDirectory, string cloudId, OpenFileBudget budget, ILogger logger) : IDisposable
{
    private readonly Dictionary<RecordKind, HourLog> _logs = [];

    /// <summary>Appends one record line of <paramref name="kind"/> to the sibling file of <paramref name="readAt"/>'s UTC hour.</summary>
    public void Append(RecordKind kind, DateTimeOffset readAt, string recordLine)
    {
        if (kind == RecordKind.Demand) throw new ArgumentException("Demand readings go to the user's HourLog.", nameof(kind));
        if (!_logs.TryGetValue(kind, out var log))
        {
            log = new HourLog(logsDirectory, cloudId, budget, logger, kind);
            _logs[kind] = log;
        }
        log.Append(readAt, recordLine);
    }

    public void Close()
    {
        foreach (var log in _logs.Values) log.Close();
    }

    public void Dispose() => Close();
}

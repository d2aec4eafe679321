using System.Collections.Concurrent;
using Rainforest.Archive.Configuration;

namespace Rainforest.Archive.Shipping;

/// <summary>
/// Finds the hour files to ship in the logs directory. Only entries of exactly our shape are touched;
/// anything else (a stray file, a foreign folder, a link) is reported once and left alone.
/// </summary>
public sealed partial class LogDirectoryScanner(IOptions<ArchiveOptions> options, IOptions<LogsOptions> logs, ILogger<LogDirectoryScanner> logger)
{
    private readonly ArchiveOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, byte> _reportedForeign = new(StringComparer.Ordinal);

    public string LogsDirectory { get; } = Path.GetFullPath(logs.Value.Directory);

    /// <summary>
    /// The hour files whose hour ended at least ShipDelay ago (the user grain has stopped writing them) or,
    /// when <paramref name="includeCurrentHour"/>, every hour up to now (at shutdown, with the files closed).
    /// </summary>
    public LogScan Scan(DateTimeOffset now, bool includeCurrentHour)
    {
        var root = new DirectoryInfo(LogsDirectory);
        if (!root.Exists) return new LogScan([], [], 0);

        var ready = new List<HourFile>();
        var readyFolders = new List<string>();
        var foreign = 0;
        var currentHour = HourStamp.StartOfHour(now);

        foreach (var entry in root.EnumerateFileSystemInfos())
        {
            if (entry is not DirectoryInfo folder || entry.LinkTarget is not null || !HourStamp.TryParse(entry.Name, out var hour))
            {
                foreign++;
                ReportForeign(entry, "is not an hour folder");
                continue;
            }

            var isReady = hour.AddHours(1) + _options.ShipDelay <= now || (includeCurrentHour && hour <= currentHour);
            if (isReady) readyFolders.Add(folder.FullName);

            foreach (var item in folder.EnumerateFileSystemInfos())
            {
                if (item is not FileInfo || item.LinkTarget is not null
                    || !HourFileLayout.TryParseLocalPath(item.FullName, out var cloudId, out var fileHour, out var kind))
                {
                    foreign++;
                    ReportForeign(item, "is not an hour file");
                    continue;
                }
                if (isReady) ready.Add(new HourFile(item.FullName, cloudId, fileHour) { Kind = kind });
            }
        }

        return new LogScan(ready, readyFolders, foreign);
    }

    /// <summary>Removes an hour folder once it is empty; one still holding anything is kept.</summary>
    public bool TryRemoveEmptyFolder(string folder)
    {
        try
        {
            if (Directory.EnumerateFileSystemEntries(folder).Any()) return false;
            Directory.Delete(folder, recursive: false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Something arrived meanwhile or it is gone already; the next pass looks again.
            return false;
        }
    }

    private void ReportForeign(FileSystemInfo entry, string why)
    {
        if (_reportedForeign.TryAdd(entry.FullName, 0)) LogForeign(entry.FullName, why);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} in the logs directory {Why}; it is left alone and never shipped or deleted")]
    private partial void LogForeign(string path, string why);
}

namespace Rainforest.Archive.Shipping;

/// <summary>What a scan of the logs directory found: hour files ready to ship and entries that are not ours.</summary>
public sealed record LogScan(IReadOnlyList<HourFile> Ready, IReadOnlyList<string> ReadyHourFolders, int ForeignEntries);

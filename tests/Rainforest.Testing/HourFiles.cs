using System.IO.Compression;

namespace Rainforest.Testing;

/// <summary>Reads back what the system logged for a user: local hour files and archived objects alike.</summary>
public static class HourFiles
{
    /// <summary>Every complete line of the user's local hour files under <paramref name="logsDirectory"/>.</summary>
    public static List<string> LocalLines(string logsDirectory, string cloudId)
    {
        if (!Directory.Exists(logsDirectory)) return [];
        return Directory.EnumerateFiles(logsDirectory, $"iseif-rainforest-{cloudId}-*.jl", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(CompleteLines)
            .ToList();
    }

    /// <summary>Every line of the user's objects in a local folder archive.</summary>
    public static List<string> ArchivedLines(string archiveDirectory, string cloudId)
    {
        if (!Directory.Exists(archiveDirectory)) return [];
        return Directory.EnumerateFiles(archiveDirectory, $"iseif-rainforest-{cloudId}-*.jl.gz", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(Gunzip)
            .ToList();
    }

    public static IEnumerable<string> Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static IEnumerable<string> CompleteLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n');
    }
}

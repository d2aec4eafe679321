namespace Rainforest.Archive.Readings;

/// <summary>Reading an hour file the user grain may still be appending to.</summary>
public static class LocalHourFile
{
    /// <summary>The file's complete lines (up to and including its last '\n'); empty when there is no file.</summary>
    public static async Task<byte[]> ReadCompleteLinesAsync(string path, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            // Shared: the user grain keeps appending, and the shipper may delete the file once it is archived.
            await using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.Asynchronous,
            });
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, cancellationToken);
            content = copy.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }

        // A last line without its newline is still being written; it is complete next time.
        var end = Array.LastIndexOf(content, (byte)'\n');
        return end < 0 ? [] : end == content.Length - 1 ? content : content[..(end + 1)];
    }
}

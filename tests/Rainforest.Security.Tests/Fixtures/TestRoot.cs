namespace Rainforest.Security.Tests.Fixtures;

/// <summary>A temporary directory for one fixture's processes and files, removed afterwards.</summary>
public sealed class TestRoot : IDisposable
{
    public TestRoot(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rainforest-security-{name}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

namespace Rainforest.Testing;

/// <summary>Finds the repository and the build outputs of the programs the tests start as processes.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The built dll of a project under src/, in the configuration the tests were built in.</summary>
    public static string ProgramDll(string project, string assembly)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(Root, "src", project, "bin", configuration, "net10.0", assembly + ".dll");
        if (!File.Exists(path)) throw new FileNotFoundException($"{assembly} is not built: {path}");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rainforest.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Rainforest.sln not found above " + AppContext.BaseDirectory);
    }
}

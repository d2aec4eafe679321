namespace Rainforest.Testing;

/// <summary>
/// Where a test process runs: on this machine's loopback, or in a network namespace of its own with its own
/// address (a "host" of a multi-host test), started through <c>ip netns exec</c>.
/// </summary>
public sealed record ProcessHost(string Address, string? NetworkNamespace = null)
{
    public static ProcessHost Loopback { get; } = new("127.0.0.1");

    public ManagedProcess Start(string fileName, IEnumerable<string> arguments,
        IDictionary<string, string>? environment = null, string? workingDirectory = null, string? transcriptPath = null) =>
        NetworkNamespace is null
            ? ManagedProcess.Start(fileName, arguments, environment, workingDirectory, transcriptPath)
            : ManagedProcess.Start("ip", ["netns", "exec", NetworkNamespace, fileName, .. arguments], environment, workingDirectory, transcriptPath);
}

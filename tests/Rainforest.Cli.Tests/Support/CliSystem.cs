namespace Rainforest.Cli.Tests.Support;

/// <summary>
/// The system the command line talks to: the gateway simulator and one real silo process (in-memory mode),
/// over HTTP. The 1,000-line import runs once, on first demand, and every import test reads its result.
/// </summary>
public sealed class CliSystem : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rainforest-cli-" + Guid.NewGuid().ToString("n"));
    private readonly SemaphoreSlim _importOnce = new(1, 1);
    private (ThousandUserFile File, CliResult Run)? _firstImport;

    public GatewaySimulator Simulator { get; private set; } = null!;
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>How the tests reach the silo by default: the environment variables, like an operator's shell.</summary>
    public IReadOnlyDictionary<string, string> Environment => CommandLine.Environment(Silo.BaseAddress, SiloProcess.ApiKey);

    public string NewDirectory()
    {
        var directory = Path.Combine(_root, Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    public Task<CliResult> RunAsync(params string[] args) => CommandLine.RunAsync(Environment, args);

    public async Task<(ThousandUserFile File, CliResult Run)> ThousandUserImportAsync()
    {
        await _importOnce.WaitAsync();
        try
        {
            if (_firstImport is null)
            {
                var file = ThousandUserFile.Write(NewDirectory());
                _firstImport = (file, await RunAsync("users", "import", file.Path));
            }
            return _firstImport.Value;
        }
        finally
        {
            _importOnce.Release();
        }
    }

    /// <summary>The Cloud IDs the server lists.</summary>
    public async Task<HashSet<string>> RegisteredIdsAsync()
    {
        using var api = Silo.CreateClient();
        var list = JsonDocument.Parse(await api.GetStringAsync("/api/users")).RootElement;
        return list.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("cloud_id").GetString()!).ToHashSet();
    }

    public async Task InitializeAsync()
    {
        Simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true });
        var directory = NewDirectory();
        Silo = new SiloProcess(directory, new Dictionary<string, string>
        {
            ["Rainforest:Eagle:CloudUrl"] = Simulator.RelayUrl.ToString(),
            ["Rainforest:Eagle:RequestTimeout"] = "00:00:04",
            ["Rainforest:Sources:Local:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Orleans:ClusterId"] = "cli",
            ["Orleans:ServiceId"] = "cli",
        });
        await Silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Simulator.DisposeAsync();
        _importOnce.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

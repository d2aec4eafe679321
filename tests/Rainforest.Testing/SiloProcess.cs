namespace Rainforest.Testing;

/// <summary>
/// A real silo process (the built Rainforest.Silo), configured on its command line, reachable over HTTP.
/// Ports are fixed per instance so a restarted silo comes back at the same address with the same disk.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string ApiKey = "test-key-0123456789abcdef";

    private readonly Dictionary<string, string> _settings;
    private readonly Dictionary<string, string> _environment;
    private ManagedProcess? _process;

    /// <param name="dataDirectory">The silo's disk: logs, folder archive, key ring; the working directory.</param>
    /// <param name="settings">Configuration on the command line, over the defaults below.</param>
    /// <param name="host">Where it runs (default: loopback of this machine).</param>
    /// <param name="environment">Extra environment variables (e.g. AWS credentials).</param>
    public SiloProcess(string dataDirectory, IDictionary<string, string>? settings = null, ProcessHost? host = null,
        IDictionary<string, string>? environment = null)
    {
        DataDirectory = dataDirectory;
        Host = host ?? ProcessHost.Loopback;
        HttpPort = FreePort.Next();
        SiloPort = FreePort.Next();
        GatewayPort = FreePort.Next();
        _settings = new Dictionary<string, string>
        {
            ["Urls"] = $"http://{Host.Address}:{HttpPort}",
            ["Rainforest:Api:Keys:0"] = ApiKey,
            ["Rainforest:Logs:Directory"] = Path.Combine(dataDirectory, "logs"),
            ["Rainforest:Archive:Directory"] = Path.Combine(dataDirectory, "archive"),
            ["Rainforest:DataProtection:KeysDirectory"] = Path.Combine(dataDirectory, "keys"),
            ["Orleans:Endpoints:SiloPort"] = SiloPort.ToString(),
            ["Orleans:Endpoints:GatewayPort"] = GatewayPort.ToString(),
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) _settings[key] = value;
        _environment = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) _environment[key] = value;
    }

    public string DataDirectory { get; }
    public ProcessHost Host { get; }
    public int HttpPort { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public Uri BaseAddress => new($"http://{Host.Address}:{HttpPort}");
    public string LogsDirectory => _settings["Rainforest:Logs:Directory"];
    public string Output => _process?.Output ?? "";
    public int? ProcessId => _process?.Id;
    public bool HasExited => _process?.HasExited ?? true;

    public HttpClient CreateClient(string? apiKey = ApiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Starts the process and waits until <c>/health/ready</c> says the silo is active.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var dll = RepositoryPaths.ProgramDll("Silo", "Rainforest.Silo");
        _process = Host.Start("dotnet", [dll, .. _settings.Select(kv => $"--{kv.Key}={kv.Value}")], _environment,
            workingDirectory: DataDirectory);
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.Until(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException("silo exited:\n" + _process.Output);
            var response = await probe.GetAsync("/health/ready");
            return response.IsSuccessStatusCode;
        }, timeout ?? TimeSpan.FromSeconds(90), "silo ready at " + BaseAddress + "\n" + _process.Output);
    }

    public Task StopAsync() => _process?.StopAsync(TimeSpan.FromMinutes(2)) ?? Task.CompletedTask;

    public Task KillAsync() => _process?.KillAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
    }
}

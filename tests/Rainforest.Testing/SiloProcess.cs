using System.Net;

namespace Rainforest.Testing;

/// <summary>
/// A real silo process (the built Rainforest.Silo), configured on its command line, reachable over HTTP.
/// Ports are fixed per instance so a restarted silo comes back at the same address with the same disk.
/// </summary>
public sealed class SiloProcess : ServerProcess
{
    public const string ApiKey = "test-key-0123456789abcdef";

    private readonly Dictionary<string, string> _settings;
    private readonly Dictionary<string, string> _environment;
    private readonly string[] _switches;
    private readonly int? _descriptorLimit;

    /// <param name="dataDirectory">The silo's disk: logs, folder archive, key ring; the working directory.</param>
    /// <param name="settings">Configuration on the command line, over the defaults below.</param>
    /// <param name="host">Where it runs (default: loopback of this machine).</param>
    /// <param name="environment">Extra environment variables (e.g. AWS credentials).</param>
    /// <param name="transcriptPath">A file that keeps every line of output (the in-memory output keeps the last ones).</param>
    /// <param name="alsoListenOn">Further addresses to listen on, each on a port of its own.</param>
    /// <param name="switches">Command-line switches before the settings (e.g. <c>--demo</c>).</param>
    /// <param name="descriptorLimit">Starts the silo under <c>ulimit -n</c> of this many open files.</param>
    public SiloProcess(string dataDirectory, IDictionary<string, string>? settings = null, ProcessHost? host = null,
        IDictionary<string, string>? environment = null, string? transcriptPath = null, IEnumerable<IPAddress>? alsoListenOn = null,
        IEnumerable<string>? switches = null, int? descriptorLimit = null)
    {
        _descriptorLimit = descriptorLimit;
        _switches = [.. switches ?? []];
        DataDirectory = dataDirectory;
        TranscriptPath = transcriptPath;
        Host = host ?? ProcessHost.Loopback;
        HttpPort = FreePort.Next();
        SiloPort = FreePort.Next();
        GatewayPort = FreePort.Next();
        ExtraAddresses = (alsoListenOn ?? []).Select(ip => new Uri($"http://{ip}:{FreePort.Next()}")).ToList();
        _settings = new Dictionary<string, string>
        {
            ["Urls"] = string.Join(';', ExtraAddresses.Prepend(BaseAddress).Select(u => u.ToString().TrimEnd('/'))),
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
    public string? TranscriptPath { get; }
    public ProcessHost Host { get; }
    public int HttpPort { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public Uri BaseAddress => new($"http://{Host.Address}:{HttpPort}");
    public IReadOnlyList<Uri> ExtraAddresses { get; }
    public string LogsDirectory => _settings["Rainforest:Logs:Directory"];

    protected override string Name => "silo at " + BaseAddress;

    public HttpClient CreateClient(string? apiKey = ApiKey, Uri? baseAddress = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress ?? BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Starts the process and waits until <c>/health/ready</c> says the silo is active.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var dll = RepositoryPaths.ProgramDll("Silo", "Rainforest.Silo");
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        string[] arguments = [dll, .. _switches, .. _settings.Select(kv => $"--{kv.Key}={kv.Value}")];
        await StartProcessAsync(
            () => _descriptorLimit is { } limit
                // The shell sets the limit for itself, then becomes dotnet with the arguments untouched.
                ? Host.Start("bash", ["-c", $"ulimit -n {limit} && exec \"$0\" \"$@\"", "dotnet", .. arguments], _environment,
                    workingDirectory: DataDirectory, transcriptPath: TranscriptPath)
                : Host.Start("dotnet", arguments, _environment, workingDirectory: DataDirectory, transcriptPath: TranscriptPath),
            async () => (await probe.GetAsync("/health/ready")).IsSuccessStatusCode,
            timeout ?? TimeSpan.FromSeconds(90));
    }
}

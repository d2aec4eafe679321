namespace Rainforest.Testing;

/// <summary>
/// The standalone API gateway (the built Rainforest.Gateway), an Orleans client that finds the silos through Redis,
/// configured on its command line and reachable over HTTP with the same API key as the silos.
/// </summary>
public sealed class GatewayProcess : ServerProcess
{
    private readonly Dictionary<string, string> _settings;
    private readonly Dictionary<string, string> _environment;

    /// <param name="environment">Extra environment variables (e.g. AWS credentials for the archive it reads).</param>
    public GatewayProcess(string redisConnectionString, IDictionary<string, string>? settings = null, ProcessHost? host = null,
        IDictionary<string, string>? environment = null)
    {
        Host = host ?? ProcessHost.Loopback;
        HttpPort = FreePort.Next();
        _settings = new Dictionary<string, string>
        {
            ["Urls"] = $"http://{Host.Address}:{HttpPort}",
            ["ConnectionStrings:Redis"] = redisConnectionString,
            ["Rainforest:Api:Keys:0"] = SiloProcess.ApiKey,
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) _settings[key] = value;
        _environment = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) _environment[key] = value;
    }

    public ProcessHost Host { get; }
    public int HttpPort { get; }
    public Uri BaseAddress => new($"http://{Host.Address}:{HttpPort}");

    protected override string Name => "gateway at " + BaseAddress;

    protected override TimeSpan StopTimeout => TimeSpan.FromMinutes(1);

    public HttpClient CreateClient(string? apiKey = SiloProcess.ApiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Starts the process and waits until <c>/health/ready</c> says the cluster answers it.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var dll = RepositoryPaths.ProgramDll("Gateway", "Rainforest.Gateway");
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await StartProcessAsync(
            () => Host.Start("dotnet", [dll, .. _settings.Select(kv => $"--{kv.Key}={kv.Value}")],
                _environment),
            async () => (await probe.GetAsync("/health/ready")).IsSuccessStatusCode,
            timeout ?? TimeSpan.FromSeconds(90));
    }
}

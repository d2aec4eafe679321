using System.Diagnostics;

namespace Rainforest.Security.Tests.Support;

/// <summary>
/// A real silo process (the built Rainforest.Silo) configured on its command line. Unlike the shared
/// SiloProcess it keeps its whole output in a transcript file (a search for secrets must see every line, not the
/// last few thousand), and it can listen on extra addresses (to be reached from a non-loopback address).
/// </summary>
public sealed class SiloUnderTest : IAsyncDisposable
{
    public const string ApiKey = "sec-key-0-8c1d5e7f2a";

    private readonly Dictionary<string, string> _settings;
    private readonly Dictionary<string, string> _environment;
    private readonly Lock _gate = new();
    private Process? _process;
    private StreamWriter? _transcript;

    /// <param name="root">A directory of the test's own; the silo gets <c>root/name</c> and <c>root/name.transcript.log</c>.</param>
    /// <param name="settings">Configuration on top of the defaults, passed as <c>--Key=value</c>.</param>
    /// <param name="environment">Extra environment variables (the OpenTelemetry exporter reads its own).</param>
    /// <param name="extraHosts">Further IP addresses to listen on, each on a port of its own.</param>
    public SiloUnderTest(string root, string name, IDictionary<string, string>? settings = null,
        IDictionary<string, string>? environment = null, IEnumerable<IPAddress>? extraHosts = null)
    {
        DataDirectory = Path.Combine(root, name);
        TranscriptPath = Path.Combine(root, name + ".transcript.log");
        Directory.CreateDirectory(DataDirectory);
        HttpPort = FreePort.Next();
        ExtraAddresses = (extraHosts ?? []).Select(ip => new Uri($"http://{ip}:{FreePort.Next()}")).ToList();
        var urls = string.Join(';', ExtraAddresses.Select(u => u.ToString().TrimEnd('/')).Prepend(BaseAddress.ToString().TrimEnd('/')));
        _settings = new Dictionary<string, string>
        {
            ["Urls"] = urls,
            ["Rainforest:Api:Keys:0"] = ApiKey,
            ["Rainforest:Logs:Directory"] = Path.Combine(DataDirectory, "logs"),
            ["Rainforest:Archive:Directory"] = Path.Combine(DataDirectory, "archive"),
            ["Rainforest:DataProtection:KeysDirectory"] = Path.Combine(DataDirectory, "keys"),
            ["Rainforest:Eagle:RequestTimeout"] = "00:00:04",
            ["Orleans:Endpoints:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:Endpoints:GatewayPort"] = FreePort.Next().ToString(),
            ["Orleans:ClusterId"] = "security-" + name,
            ["Orleans:ServiceId"] = "security-" + name,
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) _settings[key] = value;
        _environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) _environment[key] = value;
    }

    public string DataDirectory { get; }
    public string TranscriptPath { get; }
    public int HttpPort { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");
    public IReadOnlyList<Uri> ExtraAddresses { get; }
    public string LogsDirectory => _settings["Rainforest:Logs:Directory"];
    public bool HasExited => _process?.HasExited ?? true;

    public HttpClient CreateClient(string? apiKey = ApiKey, Uri? baseAddress = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress ?? BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Starts the process and waits until <c>/health/ready</c> says the silo is active.</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        info.ArgumentList.Add(RepositoryPaths.ProgramDll("Silo", "Rainforest.Silo"));
        foreach (var (key, value) in _settings) info.ArgumentList.Add($"--{key}={value}");
        foreach (var (key, value) in _environment) info.Environment[key] = value;

        _transcript = new StreamWriter(TranscriptPath, append: true, Encoding.UTF8);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        if (!process.Start()) throw new InvalidOperationException("the silo did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.Until(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException("silo exited:\n" + Transcript());
            return (await probe.GetAsync("/health/ready")).IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(90), "silo ready at " + BaseAddress);
    }

    /// <summary>SIGTERM, then waits for a clean exit and the last line of output.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        Signals.Terminate(_process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // also drains the redirected output
    }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Transcript()
    {
        lock (_gate)
        {
            _transcript?.Flush();
        }
        using var stream = new FileStream(TranscriptPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
        lock (_gate)
        {
            _transcript?.Dispose();
            _transcript = null;
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _transcript?.WriteLine(line);
        }
    }
}

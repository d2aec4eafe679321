using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Rainforest.Testing;

/// <summary>
/// A child process whose output is kept for the test's failure message: the last lines in memory and, when a
/// transcript file is given, every line there (a search of the output must see all of it, not the tail).
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Lock _transcriptGate = new();
    private StreamWriter? _transcript;

    private ManagedProcess(Process process, string? transcriptPath)
    {
        _process = process;
        TranscriptPath = transcriptPath;
        if (transcriptPath is not null) _transcript = new StreamWriter(transcriptPath, append: true, Encoding.UTF8);
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Output => string.Join('\n', _output);
    public string? TranscriptPath { get; }

    public static ManagedProcess Start(string fileName, IEnumerable<string> arguments,
        IDictionary<string, string>? environment = null, string? workingDirectory = null, string? transcriptPath = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process, transcriptPath);
        process.OutputDataReceived += (_, e) => managed.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Keep(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"{fileName} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    public bool OutputContains(string text) => _output.Any(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>Everything the process wrote so far: the whole transcript when one is kept, else the last lines.</summary>
    public string Transcript()
    {
        if (TranscriptPath is null) return Output;
        lock (_transcriptGate) _transcript?.Flush();
        using var stream = new FileStream(TranscriptPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Waits for the exit and for the last line of output to be read.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then wait for a clean exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        Signals.Terminate(_process.Id);
        using var cts = new CancellationTokenSource(timeout);
        await WaitForExitAsync(cts.Token);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        lock (_transcriptGate)
        {
            _transcript?.Dispose();
            _transcript = null;
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 5000) _output.TryDequeue(out _);
        lock (_transcriptGate) _transcript?.WriteLine(line);
    }
}

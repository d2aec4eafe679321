namespace Rainforest.Testing;

/// <summary>
/// A server a test runs as a child process (Redis, the S3 server, a silo, the gateway): started, awaited until it
/// serves, stopped or killed, its output kept. A process that exits while starting fails the start at once,
/// with what it wrote, instead of leaving the test to wait out the readiness deadline.
/// </summary>
public abstract class ServerProcess : IAsyncDisposable
{
    private ManagedProcess? _process;

    /// <summary>What the server is called in failure messages.</summary>
    protected abstract string Name { get; }

    /// <summary>How long a graceful stop may take.</summary>
    protected virtual TimeSpan StopTimeout => TimeSpan.FromMinutes(2);

    /// <summary>The last lines the current (or last) process wrote.</summary>
    public string Output => _process?.Output ?? "";
    public int? ProcessId => _process?.Id;
    public bool HasExited => _process?.HasExited ?? true;
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the process wrote: its whole transcript file when one is kept, else the last lines.</summary>
    public string Transcript() => _process?.Transcript() ?? "";

    public bool OutputContains(string text) => _process?.OutputContains(text) ?? false;

    /// <summary>SIGTERM, then waits for a clean exit and the last line of output.</summary>
    public virtual Task StopAsync() => _process?.StopAsync(StopTimeout) ?? Task.CompletedTask;

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public Task KillAsync() => _process?.KillAsync() ?? Task.CompletedTask;

    /// <summary>
    /// Starts the process (replacing an earlier, stopped one) and polls <paramref name="ready"/> until it says the
    /// server answers. Throws with the output when the process exits first or <paramref name="timeout"/> passes.
    /// </summary>
    protected async Task StartProcessAsync(Func<ManagedProcess> start, Func<Task<bool>> ready, TimeSpan timeout)
    {
        if (_process is not null) await _process.DisposeAsync();
        var process = _process = start();
        var deadline = DateTime.UtcNow + timeout;
        Exception? lastError = null;
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"{Name} exited while starting (exit code {process.ExitCode}); output:\n{process.Output}");
            }
            try
            {
                if (await ready()) return;
                lastError = null;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                lastError = ex;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{Name} was not ready after {timeout}; output:\n{process.Output}", lastError);
            }
            await Task.Delay(100);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        _process = null;
        GC.SuppressFinalize(this);
    }
}

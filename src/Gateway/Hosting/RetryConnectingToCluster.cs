namespace Rainforest.Gateway.Hosting;

/// <summary>
/// The gateway keeps looking for silos instead of failing at start: it may come up before the cluster, and
/// its health endpoints answer meanwhile (ready only once a silo serves it).
/// </summary>
public sealed partial class RetryConnectingToCluster(ILogger<RetryConnectingToCluster> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var delay = TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(attempt - 1, 10))));
        LogRetrying(attempt, exception.Message, delay);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo reachable yet (attempt {Attempt}: {Error}); trying again in {Delay}")]
    private partial void LogRetrying(int attempt, string error, TimeSpan delay);
}

namespace Rainforest.Silo.Hosting;

/// <summary>Says, loudly and at every start, that nothing survives this process without Redis.</summary>
public sealed class InMemoryStateWarning(ILogger<InMemoryStateWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning(
            "ConnectionStrings:Redis is not set: running ONE local silo with IN-MEMORY users, counters and reminders. " +
            "Everything but the hour files is lost when this process stops. Set ConnectionStrings:Redis for real use.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

namespace Rainforest.Simulator.Hosting;

/// <summary>
/// The lifetime of a simulator embedded in another process (tests, the demo): its owner stops it, so Ctrl-C
/// stops the owner first instead of cutting the owner's requests in flight.
/// </summary>
internal sealed class OwnerStoppedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

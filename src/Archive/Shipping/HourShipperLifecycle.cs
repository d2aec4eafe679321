namespace Rainforest.Archive;

/// <summary>Starts the shipper when the silo is active and runs its final pass when the silo stops.</summary>
public sealed class HourShipperLifecycle(HourShipper shipper) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>
    /// Stop stages run from high to low. At GrainDeactivation the catalog deactivates every grain, so the
    /// user grains have closed their hour files; GrainDirectoryShutdown hands the directory over. The stage
    /// below both is still before application messages are blocked (RuntimeServices), so hour archive grains
    /// can be called on the silos that stay up.
    /// </summary>
    public const int StopStage = ServiceLifecycleStage.GrainDirectoryShutdown - 1;

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(HourShipper), ServiceLifecycleStage.Active, _ =>
        {
            shipper.Start();
            return Task.CompletedTask;
        });
        lifecycle.Subscribe(nameof(HourShipper), StopStage, _ => Task.CompletedTask, shipper.StopAsync);
    }
}

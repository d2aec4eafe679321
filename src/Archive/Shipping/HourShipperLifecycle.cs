namespace Rainforest.Archive.Shipping;

/// <summary>Starts the shipping schedule when the silo is active and runs its final pass when the silo stops.</summary>
public sealed class HourShipperLifecycle(ShippingSchedule schedule) : ILifecycleParticipant<ISiloLifecycle>
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
        lifecycle.Subscribe(nameof(ShippingSchedule), ServiceLifecycleStage.Active, _ =>
        {
            schedule.Start();
            return Task.CompletedTask;
        });
        lifecycle.Subscribe(nameof(ShippingSchedule), StopStage, _ => Task.CompletedTask, schedule.StopAsync);
    }
}

using System.Diagnostics.Metrics;

namespace Rainforest.Grains.Tests.Policies;

/// <summary>Meters for code under test that records metrics nobody reads here.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose() => _meters.ForEach(meter => meter.Dispose());
}

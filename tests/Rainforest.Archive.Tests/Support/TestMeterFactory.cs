using System.Diagnostics.Metrics;

namespace Rainforest.Archive.Tests.Support;

/// <summary>A meter factory for constructing archive parts outside a host.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        lock (_meters) _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        lock (_meters) _meters.ForEach(m => m.Dispose());
    }
}

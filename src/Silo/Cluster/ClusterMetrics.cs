using System.Diagnostics.Metrics;

namespace Rainforest.Silo.Cluster;

/// <summary>How users are spread and moved (meter <c>Rainforest.Cluster</c>).</summary>
public sealed class ClusterMetrics
{
    public const string MeterName = "Rainforest.Cluster";

    private readonly Counter<long> _moved;
    private readonly Counter<long> _failoverWakes;

    public ClusterMetrics(IMeterFactory meters, LocalUserActivations users)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("rainforest.users.local", () => users.Count, "{user}", "User activations on this silo");
        _moved = meter.CreateCounter<long>("rainforest.cluster.users_moved", "{user}", "Users this silo handed to another, by reason");
        _failoverWakes = meter.CreateCounter<long>("rainforest.cluster.failover_wakes", "{wake}",
            "Times this silo woke every registered user because a silo died");
    }

    public void Moved(int users, string reason) => _moved.Add(users, new KeyValuePair<string, object?>("reason", reason));

    public void FailoverWake() => _failoverWakes.Add(1);
}

using System.ComponentModel.DataAnnotations;

namespace Rainforest.Silo.Cluster;

/// <summary>How users move between silos (section <c>Rainforest:Cluster</c>).</summary>
public sealed class RainforestClusterOptions
{
    public const string Section = "Rainforest:Cluster";

    /// <summary>The longest a graceful stop waits for its users to move to the other silos before the runtime deactivates them.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan HandoffTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When silos join, the running silos give them their share of the users.</summary>
    public bool RebalanceOnJoin { get; set; } = true;

    /// <summary>Users moved at once while rebalancing (each move is one deactivation and one activation).</summary>
    [Range(1, 100_000)]
    public int RebalanceBatchSize { get; set; } = 200;

    /// <summary>When a silo is declared dead, one survivor wakes every registered user at once instead of leaving it to the reminders.</summary>
    public bool WakeUsersWhenSiloDies { get; set; } = true;
}

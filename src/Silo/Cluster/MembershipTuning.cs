using Orleans.Configuration;

namespace Rainforest.Silo.Cluster;

/// <summary>
/// Failure detection tuned so that a killed silo (its connections refused) is declared dead in about ten seconds
/// rather than twenty, and a silo cut off from the others but not from Redis learns of its own death (and stops)
/// within ten seconds of it rather than a minute. A silo cut off silently is declared dead only once nothing has
/// come from it for <c>MaxProbeTimeout</c> × <c>NumMissedProbesLimit</c> (4 × 3 s × 3, as Orleans derives it):
/// the window that lets such a silo stop before its users start elsewhere. Every option of Orleans'
/// <see cref="ClusterMembershipOptions"/> can be set under <c>Orleans:Membership</c>, e.g.
/// <c>Orleans:Membership:ProbeTimeout=00:00:05</c> on a loaded or slow network.
/// </summary>
public static class MembershipTuning
{
    public const string Section = "Orleans:Membership";

    /// <summary>Silos probe each other this often; a probe unanswered for longer counts as missed.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How often each silo re-reads the membership table (and so learns it was voted dead).</summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddMembershipTuning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterMembershipOptions>()
            .Configure(o =>
            {
                o.ProbeTimeout = ProbeTimeout;
                o.NumMissedProbesLimit = 3;
                o.NumVotesForDeathDeclaration = 2;
                o.TableRefreshTimeout = TableRefreshTimeout;
            })
            .Bind(configuration.GetSection(Section))
            .Validate(o => o.ProbeTimeout > TimeSpan.Zero && o.NumMissedProbesLimit > 0 && o.NumVotesForDeathDeclaration > 0
                    && o.TableRefreshTimeout > TimeSpan.Zero,
                $"{Section}: ProbeTimeout and TableRefreshTimeout must be positive, NumMissedProbesLimit and NumVotesForDeathDeclaration at least 1.")
            .ValidateOnStart();
        return services;
    }
}

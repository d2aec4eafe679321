using Rainforest.Simulator.Faults;
namespace Rainforest.Simulator.Accounts;

/// <summary>A snapshot of one account: its settings and its relay traffic so far.</summary>
/// <param name="CloudId">Lower-case Cloud ID.</param>
/// <param name="Configured">Explicitly added or overridden (false: an automatic account on its defaults).</param>
/// <param name="Requests">Relay requests received so far.</param>
/// <param name="InFlight">Relay requests being served now.</param>
/// <param name="MaxConcurrent">Most requests ever in flight at once for this account.</param>
public sealed record SimulatedAccount(
    string CloudId,
    string User,
    string Password,
    SimulatedFault Fault,
    TimeSpan? Delay,
    bool Configured,
    long Requests,
    int InFlight,
    int MaxConcurrent,
    string? InstallCode = null)
{
    /// <summary>The install code an account's local API accepts unless one is set: 16 hex digits derived from the Cloud ID.</summary>
    public static string DefaultInstallCode(string cloudId)
    {
        ArgumentNullException.ThrowIfNull(cloudId);
        return $"{Relay.StableHash.Of("install-code/" + cloudId.ToLowerInvariant()):x16}";
    }

    /// <summary>The user an automatic account accepts: <c>user-&lt;cloudid&gt;@sim.test</c>.</summary>
    public static string DefaultUser(string cloudId)
    {
        ArgumentNullException.ThrowIfNull(cloudId);
        return $"user-{cloudId.ToLowerInvariant()}@sim.test";
    }

    /// <summary>The password an automatic account accepts: <c>pw-&lt;cloudid&gt;</c>.</summary>
    public static string DefaultPassword(string cloudId)
    {
        ArgumentNullException.ThrowIfNull(cloudId);
        return $"pw-{cloudId.ToLowerInvariant()}";
    }
}

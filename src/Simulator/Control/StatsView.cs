using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Recording;
namespace Rainforest.Simulator.Control;

/// <summary>Body of <c>GET /sim/stats</c>.</summary>
internal sealed record StatsView(
    long Requests,
    long InFlight,
    long AccountsSeen,
    int AccountsConfigured,
    int MaxConcurrentPerAccount,
    IReadOnlyDictionary<string, long> ByOutcome)
{
    public static StatsView Of(SimulatorStats stats, SimulatedAccounts accounts) => new(
        stats.Requests,
        stats.InFlight,
        stats.AccountsSeen,
        accounts.ConfiguredCount,
        stats.MaxConcurrentPerAccount,
        stats.ByOutcome.ToDictionary(p => JsonNamingPolicy.KebabCaseLower.ConvertName(p.Key.ToString()), p => p.Value));
}

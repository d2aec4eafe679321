using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
namespace Rainforest.Simulator.Control;

/// <summary>An account as the control API shows it (without its password).</summary>
internal sealed record AccountView(
    string CloudId,
    string User,
    SimulatedFault Fault,
    int? DelayMs,
    bool Configured,
    long Requests,
    int InFlight,
    int MaxConcurrent)
{
    public static AccountView Of(SimulatedAccount account) => new(
        account.CloudId,
        account.User,
        account.Fault,
        account.Delay is { } d ? (int)d.TotalMilliseconds : null,
        account.Configured,
        account.Requests,
        account.InFlight,
        account.MaxConcurrent);
}

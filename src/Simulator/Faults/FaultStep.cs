using Rainforest.Simulator.Accounts;

namespace Rainforest.Simulator.Faults;

/// <summary>
/// The part of an account's fault that comes before any reply, the same for the relay and the local API: the
/// delay (Slow waits 2 s unless the account sets one), Hang's endless wait, and whether the reply is a 503.
/// </summary>
internal static class FaultStep
{
    public static readonly TimeSpan DefaultSlowDelay = TimeSpan.FromSeconds(2);

    /// <summary>Waits the account's delay, and forever for Hang; ends early (throwing) when the client or the simulator gives up.</summary>
    public static async ValueTask WaitAsync(RequestTicket ticket, HttpContext context, TimeProvider clock, CancellationToken stopping)
    {
        var settings = ticket.Settings;
        var fault = settings?.Fault ?? SimulatedFault.None;
        var delay = fault == SimulatedFault.Slow ? settings?.Delay ?? DefaultSlowDelay : settings?.Delay ?? TimeSpan.Zero;
        if (delay <= TimeSpan.Zero && fault != SimulatedFault.Hang) return;

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, clock, waiting.Token);
        if (fault == SimulatedFault.Hang) await Task.Delay(Timeout.InfiniteTimeSpan, waiting.Token);
    }

    /// <summary>Unavailable answers every request with a 503, Flaky every other one (the 2nd, 4th, …).</summary>
    public static bool AnswersUnavailable(SimulatedFault fault, long sequence) =>
        fault == SimulatedFault.Unavailable || (fault == SimulatedFault.Flaky && sequence % 2 == 1);
}

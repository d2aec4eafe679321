using System.Collections.Concurrent;
using System.Diagnostics;

namespace Rainforest.Cli.Migration;

/// <summary>
/// Registers the users of a <see cref="MigrationPlan"/> with their counters, at most <paramref name="parallelism"/>
/// requests in flight. A refused record is listed and the rest go on; only a failure no record can survive
/// (server unreachable, key refused) stops the run. A dry run only reads which users exist already.
/// </summary>
public sealed class UserMigrator(RainforestClient client, int parallelism, bool dryRun)
{
    public async Task<MigrationReport> RunAsync(MigrationPlan plan, Action? onUserDone, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var results = new ConcurrentQueue<MigrationResult>(plan.Skipped);
        CommandException? stoppedBy = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(plan.Users, options, async (user, token) =>
            {
                try
                {
                    results.Enqueue(dryRun ? await CheckAsync(user, token) : await RegisterAsync(user, token));
                    onUserDone?.Invoke();
                }
                catch (CommandException ex)
                {
                    Interlocked.CompareExchange(ref stoppedBy, ex, null);
                    await stop.CancelAsync();
                }
            });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stoppedBy = new CommandException(ExitCodes.Interrupted, "Interrupted.");
        }
        catch (OperationCanceledException) when (stoppedBy is not null)
        {
            // Stopped on purpose; the report carries the reason.
        }

        var all = results.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new MigrationReport(dryRun, plan.Keys, plan.Inactive, all, plan.Keys - all.Count,
            Stopwatch.GetElapsedTime(started), stoppedBy);
    }

    private async Task<MigrationResult> RegisterAsync(OriginalUser user, CancellationToken ct)
    {
        var counters = user.Counters;
        var body = new RegistrationBody(user.Email, user.Password,
            counters?.TotalEventsLogged, counters?.FirstTimestamp, counters?.LastTimestamp);
        var reply = await client.RegisterAsync(user.CloudId, body, ct);
        var outcome = reply.Outcome switch
        {
            RegistrationOutcome.Created => MigrationOutcome.Created,
            RegistrationOutcome.Updated => MigrationOutcome.Updated,
            RegistrationOutcome.Unchanged => MigrationOutcome.Unchanged,
            RegistrationOutcome.Rejected => MigrationOutcome.Skipped,
            _ => MigrationOutcome.Failed,
        };
        return new MigrationResult(user.Key, user.CloudId, outcome, reply.Reason, reply.Status);
    }

    private async Task<MigrationResult> CheckAsync(OriginalUser user, CancellationToken ct)
    {
        if (await client.TryGetUserAsync(user.CloudId, ct) is not { } existing)
        {
            return new MigrationResult(user.Key, user.CloudId, MigrationOutcome.WouldCreate,
                $"{user.Counters?.TotalEventsLogged ?? 0} events logged");
        }
        var counters = existing.Value.TotalEventsLogged > 0
            ? $"keeps its {existing.Value.TotalEventsLogged} events logged here"
            : $"takes the {user.Counters?.TotalEventsLogged ?? 0} events logged before";
        return new MigrationResult(user.Key, user.CloudId, MigrationOutcome.AlreadyRegistered, counters);
    }
}

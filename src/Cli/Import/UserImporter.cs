using System.Collections.Concurrent;
using System.Diagnostics;

namespace Rainforest.Cli.Import;

/// <summary>
/// Sends an import file's users with at most <paramref name="parallelism"/> requests in flight. A bad line is
/// recorded and the rest go on; only a failure no line can survive (server unreachable, key refused) stops
/// the run (as does Ctrl+C), and the report says how many lines were not sent. Re-running is safe: an
/// unchanged user is answered "unchanged".
/// </summary>
public sealed class UserImporter(RainforestClient client, int parallelism)
{
    public async Task<ImportReport> RunAsync(ImportFile file, Action<LineResult>? onLineDone, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var results = new ConcurrentQueue<LineResult>(file.Refused);
        CommandException? stoppedBy = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(file.Lines, options, async (line, token) =>
            {
                try
                {
                    var reply = await client.RegisterAsync(line.CloudId, line.Body, token);
                    var result = new LineResult(line.Line, line.CloudId, ToOutcome(reply.Outcome), reply.Reason, reply.Status);
                    results.Enqueue(result);
                    onLineDone?.Invoke(result);
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
            // Ctrl+C: still say what went in and what did not.
            stoppedBy = new CommandException(ExitCodes.Interrupted, "Interrupted.");
        }
        catch (OperationCanceledException) when (stoppedBy is not null)
        {
            // Stopped on purpose; the report carries the reason.
        }

        return ImportReport.From(file, results, stoppedBy, Stopwatch.GetElapsedTime(started));
    }

    private static LineOutcome ToOutcome(RegistrationOutcome outcome) => outcome switch
    {
        RegistrationOutcome.Created => LineOutcome.Created,
        RegistrationOutcome.Updated => LineOutcome.Updated,
        RegistrationOutcome.Unchanged => LineOutcome.Unchanged,
        RegistrationOutcome.Rejected => LineOutcome.Rejected,
        _ => LineOutcome.Failed,
    };
}

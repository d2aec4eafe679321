using System.Collections.Concurrent;
using System.Diagnostics;

namespace Rainforest.Cli.Import;

/// <summary>
/// Sends an import file's users in arrays of <see cref="ChunkSize"/> to the bulk route, which answers each line
/// in its place; against an older server without that route (404/405) it sends them one by one with at most
/// <paramref name="parallelism"/> requests in flight. A bad line is recorded and the rest go on; only a failure
/// no line can survive (server unreachable, key refused) stops the run (as does Ctrl+C), and the report says how
/// many lines were not sent. Re-running is safe: an unchanged user is answered "unchanged".
/// </summary>
public sealed class UserImporter(RainforestClient client, int parallelism)
{
    public const int ChunkSize = 1000;

    // The server registers a chunk's users concurrently; a second chunk in flight hides the round trip between them.
    private const int ChunksInFlight = 2;

    private volatile bool _oneByOne;

    public async Task<ImportReport> RunAsync(ImportFile file, Action<LineResult>? onLineDone, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var results = new ConcurrentQueue<LineResult>(file.Refused);
        CommandException? stoppedBy = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        void Done(ImportLine line, RegistrationReply reply)
        {
            var result = new LineResult(line.Line, line.CloudId, ToOutcome(reply.Outcome), reply.Reason, reply.Status);
            results.Enqueue(result);
            onLineDone?.Invoke(result);
        }

        async Task StopOn(Func<Task> send)
        {
            try
            {
                await send();
            }
            catch (CommandException ex)
            {
                Interlocked.CompareExchange(ref stoppedBy, ex, null);
                await stop.CancelAsync();
            }
        }

        var chunks = new ParallelOptions { MaxDegreeOfParallelism = ChunksInFlight, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(file.Lines.Chunk(ChunkSize), chunks, async (chunk, token) => await StopOn(async () =>
            {
                var replies = _oneByOne ? null : await client.RegisterManyAsync([.. chunk.Select(l => (l.CloudId, l.Body))], token);
                if (replies is not null)
                {
                    for (var i = 0; i < chunk.Length; i++) Done(chunk[i], replies[i]);
                    return;
                }
                _oneByOne = true;
                var lines = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = token };
                await Parallel.ForEachAsync(chunk, lines, async (line, lineToken) => await StopOn(async () =>
                    Done(line, await client.RegisterAsync(line.CloudId, line.Body, lineToken))));
            }));
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

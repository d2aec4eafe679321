using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Recording;
namespace Rainforest.Simulator.Relay;

/// <summary>
/// <c>POST /cgi-bin/post_manager</c>: authenticates by the Cloud-Id/User/Password headers, applies the
/// account's fault and answers like the relay. Every wait is asynchronous and ends when the client gives up.
/// </summary>
internal sealed class RelayHandler(SimulatedAccounts accounts, SimulatorStats stats, SimulatorOptions options, IHostApplicationLifetime lifetime)
{
    private const int MaxBodyBytes = 16 * 1024;

    private readonly TimeProvider clock = options.TimeProvider ?? TimeProvider.System;
    private readonly KnownCommands? known = options.Lean ? new KnownCommands() : null;
    private static readonly Func<DemandReading, bool, byte[]> RenderReading = static (reading, json) => RelayReplies.Reading(reading, json, withDemand: true);

    public async Task HandleAsync(HttpContext context)
    {
        var received = clock.GetUtcNow().ToUnixTimeMilliseconds();
        stats.Started();
        var state = accounts.Resolve(context.Request.Headers["Cloud-Id"].ToString());
        var ticket = state?.Begin(received, stats);
        var outcome = SimulatedOutcome.Abandoned;
        try
        {
            outcome = state is null
                ? await AnswerAsync(context, RelayReplies.AuthFailed, SimulatedOutcome.AuthFailed)
                : await ServeAsync(context, state, ticket!.Value);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && GaveUp(context))
        {
            // Stopping while a request hangs: drop the connection rather than answer.
            if (!context.RequestAborted.IsCancellationRequested) context.Abort();
        }
        finally
        {
            state?.End(ticket!.Value.Sequence, outcome, clock.GetUtcNow().ToUnixTimeMilliseconds());
            stats.Finished(outcome);
        }
    }

    private async Task<SimulatedOutcome> ServeAsync(HttpContext context, AccountState state, RequestTicket ticket)
    {
        var settings = ticket.Settings;
        var fault = settings?.Fault ?? SimulatedFault.None;
        var sequence = ticket.Sequence;

        await FaultStep.WaitAsync(ticket, context, clock, lifetime.ApplicationStopping);

        if (FaultStep.AnswersUnavailable(fault, sequence))
        {
            // Alternate an empty and a short body: both are seen in the field.
            var body = sequence % 2 == 0 ? [] : RelayReplies.Unavailable;
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, body, chunked: false);
            return SimulatedOutcome.Unavailable;
        }

        var request = context.Request;
        if (settings is null
            || fault == SimulatedFault.WrongCredentials
            || !settings.Accepts(state.CloudId, request.Headers["User"].ToString(), request.Headers["Password"].ToString()))
        {
            return await AnswerAsync(context, RelayReplies.AuthFailed, SimulatedOutcome.AuthFailed);
        }

        var command = await ReadCommandAsync(request, known, context.RequestAborted);
        if (command is { IsPrice: true } && fault == SimulatedFault.PriceError)
        {
            return await AnswerAsync(context, RelayReplies.CommandFailed, SimulatedOutcome.PriceError);
        }

        if (command is { IsCurrentSummation: true } or { IsPrice: true })
        {
            var now = clock.GetUtcNow();
            var captured = command.IsPrice
                ? RelayReplies.Price(state.Price(now), command.Json)
                : RelayReplies.Summation(state.Summation(now), command.Json);
            return await AnswerAsync(context, captured, command.IsPrice ? SimulatedOutcome.Price : SimulatedOutcome.Summation);
        }

        if (command is not { IsInstantaneousDemand: true })
        {
            return await AnswerAsync(context, RelayReplies.UnknownCommand, SimulatedOutcome.UnknownCommand);
        }

        if (fault == SimulatedFault.Garbage)
        {
            var garbage = sequence % 2 == 0
                ? RelayReplies.HtmlErrorPage
                : RelayReplies.RandomBytes(StableHash.Mix((ulong)sequence ^ StableHash.Of(state.CloudId)));
            return await AnswerAsync(context, garbage, SimulatedOutcome.Garbage);
        }

        if (options.Lean && fault == SimulatedFault.None && settings.Delay is null)
        {
            // One rendering per account and slot; the rest of the slot's requests reuse its bytes.
            var now = clock.GetUtcNow();
            var slot = now.ToUnixTimeMilliseconds() / (long)SimulatorOptions.LeanSlot.TotalMilliseconds;
            var rendered = state.RenderedReply(slot, command.Json, sequence, now, RenderReading);
            await WriteAsync(context, StatusCodes.Status200OK, rendered, chunked: sequence % 3 == 2);
            return SimulatedOutcome.Reading;
        }

        var reading = state.NextReading(fault, sequence, clock.GetUtcNow());
        var reply = RelayReplies.Reading(reading, command.Json, withDemand: fault != SimulatedFault.MissingFields);
        if (fault == SimulatedFault.Truncated) reply = RelayReplies.Truncate(reply);

        // Every third reply goes out chunked, in two pieces, as the relay sometimes does.
        await WriteAsync(context, StatusCodes.Status200OK, reply, chunked: sequence % 3 == 2);
        return fault switch
        {
            SimulatedFault.MissingFields => SimulatedOutcome.MissingFields,
            SimulatedFault.Truncated => SimulatedOutcome.Truncated,
            _ => SimulatedOutcome.Reading,
        };
    }

    private bool GaveUp(HttpContext context) =>
        context.RequestAborted.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested;

    private static async Task<SimulatedOutcome> AnswerAsync(HttpContext context, byte[] body, SimulatedOutcome outcome)
    {
        await WriteAsync(context, StatusCodes.Status200OK, body, chunked: false);
        return outcome;
    }

    private static async Task WriteAsync(HttpContext context, int status, byte[] body, bool chunked)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        response.StatusCode = status;
        response.ContentType = RelayReplies.ContentType;
        if (!chunked || body.Length < 2)
        {
            response.ContentLength = body.Length;
            if (body.Length > 0) await response.Body.WriteAsync(body, ct);
            return;
        }
        var half = body.Length / 2;
        await response.Body.WriteAsync(body.AsMemory(0, half), ct);
        await response.Body.FlushAsync(ct);
        await response.Body.WriteAsync(body.AsMemory(half), ct);
    }

    private static async Task<RelayCommand?> ReadCommandAsync(HttpRequest request, KnownCommands? known, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = 0;
            while (length <= MaxBodyBytes)
            {
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), ct);
                if (read == 0) break;
                length += read;
            }
            if (length > MaxBodyBytes) return null;
            return known is null ? RelayCommand.TryParse(buffer.AsMemory(0, length)) : known.Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

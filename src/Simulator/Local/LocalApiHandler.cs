using System.Net.Http.Headers;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Recording;
using Rainforest.Simulator.Relay;

namespace Rainforest.Simulator.Local;

/// <summary>
/// <c>POST /cgi-bin/post_manager</c> with Basic auth (Cloud ID : install code): an EAGLE-200's local API for the
/// same accounts the relay serves. device_list names a stale meter first and then the connected one;
/// device_query answers the connected meter's demand in the firmware variant the fault selects. A wrong install
/// code is a 401; the relay's faults (503, hang, slow, flaky, garbage, truncated, missing fields) apply too.
/// </summary>
internal sealed class LocalApiHandler(SimulatedAccounts accounts, SimulatorStats stats, SimulatorOptions options, IHostApplicationLifetime lifetime)
{
    private const int MaxBodyBytes = 16 * 1024;

    private readonly TimeProvider clock = options.TimeProvider ?? TimeProvider.System;

    /// <summary>The local API authenticates with Basic auth; the relay never does.</summary>
    public static bool IsLocalRequest(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);

    public async Task HandleAsync(HttpContext context)
    {
        var received = clock.GetUtcNow().ToUnixTimeMilliseconds();
        stats.Started();
        var (user, installCode) = Credentials(context);
        var state = accounts.Resolve(user);
        var ticket = state?.Begin(received, stats);
        var outcome = SimulatedOutcome.Abandoned;
        try
        {
            outcome = state is null
                ? await UnauthorizedAsync(context)
                : await ServeAsync(context, state, ticket!.Value, user, installCode);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && GaveUp(context))
        {
            if (!context.RequestAborted.IsCancellationRequested) context.Abort();
        }
        finally
        {
            state?.End(ticket!.Value.Sequence, outcome, clock.GetUtcNow().ToUnixTimeMilliseconds());
            stats.Finished(outcome);
        }
    }

    private async Task<SimulatedOutcome> ServeAsync(HttpContext context, AccountState state, RequestTicket ticket, string? user, string? installCode)
    {
        var settings = ticket.Settings;
        var fault = settings?.Fault ?? SimulatedFault.None;
        var sequence = ticket.Sequence;

        await FaultStep.WaitAsync(ticket, context, clock, lifetime.ApplicationStopping);

        if (FaultStep.AnswersUnavailable(fault, sequence))
        {
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, []);
            return SimulatedOutcome.Unavailable;
        }

        if (settings is null || fault == SimulatedFault.WrongCredentials || !settings.AcceptsInstallCode(state.CloudId, user, installCode))
        {
            return await UnauthorizedAsync(context);
        }

        var command = await ReadCommandAsync(context.Request, context.RequestAborted);
        if (command is null || !(command.Is(LocalCommand.DeviceList) || command.Is(LocalCommand.DeviceQuery)))
        {
            await WriteAsync(context, StatusCodes.Status200OK, LocalReplies.UnknownCommand);
            return SimulatedOutcome.UnknownCommand;
        }

        if (fault == SimulatedFault.Garbage)
        {
            await WriteAsync(context, StatusCodes.Status200OK, RelayReplies.HtmlErrorPage);
            return SimulatedOutcome.Garbage;
        }

        var (gateway, original) = state.MacIds();
        var meter = fault == SimulatedFault.MeterReplaced ? LocalReplies.ReplacementMeter(original) : original;
        byte[] reply;
        SimulatedOutcome outcome;
        if (command.Is(LocalCommand.DeviceList))
        {
            reply = LocalReplies.DeviceList(meter, clock.GetUtcNow());
            outcome = SimulatedOutcome.DeviceList;
        }
        else if (command.HardwareAddress == meter && command.Asks(LocalReplies.PriceVariable) && fault == SimulatedFault.PriceError)
        {
            await WriteAsync(context, StatusCodes.Status200OK, LocalReplies.CommandFailed);
            return SimulatedOutcome.PriceError;
        }
        else if (command.HardwareAddress == meter && (command.Asks(LocalReplies.SummationVariable) || command.Asks(LocalReplies.PriceVariable)))
        {
            var now = clock.GetUtcNow();
            var price = command.Asks(LocalReplies.PriceVariable);
            reply = price ? LocalReplies.PriceQuery(gateway, meter, state.Price(now)) : LocalReplies.SummationQuery(gateway, meter, state.Summation(now));
            outcome = price ? SimulatedOutcome.Price : SimulatedOutcome.Summation;
        }
        else if (command.HardwareAddress == meter)
        {
            // The meter behind a wrapped negative is exporting; the firmware only reports it oddly.
            var reading = state.NextReading(fault == SimulatedFault.WrappedNegative ? SimulatedFault.Export : fault, sequence, clock.GetUtcNow());
            reply = LocalReplies.DeviceQuery(gateway, meter, reading, fault);
            outcome = fault switch
            {
                SimulatedFault.NotDelivering => SimulatedOutcome.NotDelivering,
                SimulatedFault.MissingFields => SimulatedOutcome.MissingFields,
                SimulatedFault.Truncated => SimulatedOutcome.Truncated,
                _ => SimulatedOutcome.Reading,
            };
        }
        else if (command.HardwareAddress == LocalReplies.StaleMeter(original))
        {
            reply = LocalReplies.EmptyDeviceQuery(gateway, LocalReplies.StaleMeter(original));
            outcome = SimulatedOutcome.NotDelivering;
        }
        else
        {
            await WriteAsync(context, StatusCodes.Status200OK, LocalReplies.UnknownDevice);
            return SimulatedOutcome.UnknownDevice;
        }

        if (fault == SimulatedFault.Truncated) reply = RelayReplies.Truncate(reply);
        await WriteAsync(context, StatusCodes.Status200OK, reply);
        return fault == SimulatedFault.Truncated ? SimulatedOutcome.Truncated : outcome;
    }

    private static (string? User, string? Secret) Credentials(HttpContext context)
    {
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var header)
            || header.Parameter is null)
        {
            return (null, null);
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private bool GaveUp(HttpContext context) =>
        context.RequestAborted.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested;

    private static async Task<SimulatedOutcome> UnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"EAGLE\"";
        await WriteAsync(context, StatusCodes.Status401Unauthorized, LocalReplies.Unauthorized);
        return SimulatedOutcome.AuthFailed;
    }

    private static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = LocalReplies.ContentType;
        response.ContentLength = body.Length;
        if (body.Length > 0) await response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static async Task<LocalCommand?> ReadCommandAsync(HttpRequest request, CancellationToken ct)
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
            return length > MaxBodyBytes ? null : LocalCommand.TryParse(buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

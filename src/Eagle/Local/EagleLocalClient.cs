using System.Buffers;
using System.Net.Http.Headers;
using Rainforest.Domain.HourFiles;

namespace Rainforest.Eagle.Local;

/// <summary>
/// Asks an EAGLE-200 / EAGLE-3 gateway's local API for its meter's instantaneous demand: device_list to find the
/// connected electric meter (remembered by the caller), then device_query. Both requests of a poll share one
/// budget, the relay's RequestTimeout, and go one after the other. Every gateway or network problem comes back
/// as a classified outcome; only the caller's own cancellation throws. Connections go only to allowed addresses
/// (<see cref="GatewayNetworks"/>, wired in as the handler's ConnectCallback).
/// </summary>
public sealed partial class EagleLocalClient
{
    private readonly HttpClient _http;
    private readonly EagleRelayOptions _options;
    private readonly ILogger _logger;

    public EagleLocalClient(HttpClient http, IOptions<EagleRelayOptions> options, ILogger<EagleLocalClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _options = options.Value;
        _logger = logger;
    }

    /// <param name="meter">The meter found by an earlier poll, or null to list the devices first.</param>
    public async Task<LocalPoll> GetInstantaneousDemandAsync(LocalGateway gateway, ulong? meter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        cancellationToken.ThrowIfCancellationRequested();
        using var budget = RequestDeadlines.Shared.Start(_options.RequestTimeout, cancellationToken);

        var poll = await PollAsync(gateway, meter, budget, cancellationToken).ConfigureAwait(false);
        poll = poll with { Outcome = WithoutSecret(poll.Outcome, gateway) };
        if (!poll.Outcome.IsReading)
        {
            LogFailure(_logger, gateway.CloudId, poll.Outcome.Kind, poll.Outcome.HttpStatus, poll.Outcome.Detail);
        }

        return poll;
    }

    /// <summary>
    /// Reads the summation or price variables of <paramref name="meter"/> (found by the demand poll) into the relay's
    /// record line (<see cref="LocalCaptureParser"/>), within <paramref name="timeout"/> (at most RequestTimeout).
    /// </summary>
    public async Task<RelayOutcome> CaptureAsync(LocalGateway gateway, ulong meter, RecordKind kind, DateTimeOffset readAt, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        cancellationToken.ThrowIfCancellationRequested();
        using var budget = RequestDeadlines.Shared.Start(timeout < _options.RequestTimeout ? timeout : _options.RequestTimeout, cancellationToken);
        var (body, failure) = await SendAsync(gateway, LocalApiProtocol.CaptureQueryCommand(meter, kind), budget, cancellationToken).ConfigureAwait(false);
        var outcome = WithoutSecret(failure ?? LocalCaptureParser.Parse(body!, kind, readAt), gateway);
        if (!outcome.IsCaptured)
        {
            LogFailure(_logger, gateway.CloudId, outcome.Kind, outcome.HttpStatus, outcome.Detail);
        }
        return outcome;
    }

    private async Task<LocalPoll> PollAsync(LocalGateway gateway, ulong? meter, RequestDeadlines.Budget budget, CancellationToken caller)
    {
        var listed = false;
        if (meter is null)
        {
            var (found, failure) = await ListAsync(gateway, budget, caller).ConfigureAwait(false);
            if (failure is not null) return new LocalPoll(failure, null);
            meter = found;
            listed = true;
        }

        var outcome = await QueryAsync(gateway, meter!.Value, budget, caller).ConfigureAwait(false);
        if (outcome.Kind != RelayOutcomeKind.RelayError) return new LocalPoll(outcome, meter);
        if (listed) return new LocalPoll(outcome, null);

        // The remembered meter is gone (replaced, re-paired): find the connected one and ask it instead.
        var (again, listFailure) = await ListAsync(gateway, budget, caller).ConfigureAwait(false);
        if (listFailure is not null) return new LocalPoll(listFailure, null);
        var retried = await QueryAsync(gateway, again!.Value, budget, caller).ConfigureAwait(false);
        return new LocalPoll(retried, retried.Kind == RelayOutcomeKind.RelayError ? null : again);
    }

    private async Task<(ulong? Meter, RelayOutcome? Failure)> ListAsync(LocalGateway gateway, RequestDeadlines.Budget budget, CancellationToken caller)
    {
        var (body, failure) = await SendAsync(gateway, LocalApiProtocol.DeviceListCommand, budget, caller).ConfigureAwait(false);
        return failure is not null ? (null, failure) : LocalReplyParser.ParseDeviceList(body!);
    }

    private async Task<RelayOutcome> QueryAsync(LocalGateway gateway, ulong meter, RequestDeadlines.Budget budget, CancellationToken caller)
    {
        var (body, failure) = await SendAsync(gateway, LocalApiProtocol.DeviceQueryCommand(meter), budget, caller).ConfigureAwait(false);
        return failure ?? LocalReplyParser.ParseDeviceQuery(body!, meter);
    }

    private async Task<(string? Body, RelayOutcome? Failure)> SendAsync(
        LocalGateway gateway, string command, RequestDeadlines.Budget budget, CancellationToken caller)
    {
        if (gateway.CloudId.Contains(':', StringComparison.Ordinal) || HasControlCharacters(gateway.CloudId) || HasControlCharacters(gateway.InstallCode))
        {
            return (null, RelayOutcome.CredentialsRejected("the Cloud ID or install code cannot be sent in Basic auth"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.PostManager)
        {
            Content = new StringContent(command, Encoding.ASCII, LocalApiProtocol.CommandContentType),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(LocalApiProtocol.CommandContentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{gateway.CloudId}:{gateway.InstallCode}")));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, budget.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is 401 or 403)
            {
                return (null, RelayOutcome.CredentialsRejected($"gateway answered HTTP {status}: Cloud ID or install code rejected", status));
            }

            if (status is < 200 or > 299)
            {
                return (null, RelayOutcome.HttpError(status, $"gateway answered HTTP {status}"));
            }

            return await ReadAsync(response.Content, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (caller.IsCancellationRequested)
        {
            throw new OperationCanceledException("The gateway request was cancelled by the caller.", ex, caller);
        }
        catch (OperationCanceledException ex)
        {
            return (null, ex.InnerException is TimeoutException && !budget.IsCancellationRequested
                ? RelayOutcome.Timeout("connecting to the gateway timed out")
                : RelayOutcome.Timeout($"no complete reply from the gateway within {_options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"));
        }
        catch (HttpRequestException ex) when (Find<Connections.ConnectionsExhausted>(ex) is { } exhausted)
        {
            return (null, RelayOutcome.ConnectionsBusy(exhausted.Message));
        }
        catch (HttpRequestException ex) when (Find<GatewayAddressRefused>(ex) is { } refused)
        {
            return (null, RelayOutcome.AddressRefused(refused.Message));
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.HttpRequestError switch
            {
                HttpRequestError.InvalidResponse => RelayOutcome.Malformed($"the gateway's reply is not valid HTTP: {Innermost(ex)}"),
                HttpRequestError.NameResolutionError => RelayOutcome.Unreachable($"cannot resolve the gateway host: {Innermost(ex)}"),
                _ => RelayOutcome.Unreachable($"cannot reach the gateway: {Innermost(ex)}"),
            });
        }
        catch (IOException ex)
        {
            return (null, RelayOutcome.Unreachable($"connection to the gateway failed: {Innermost(ex)}"));
        }
    }

    private static async Task<(string? Body, RelayOutcome? Failure)> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        const int cap = RelayProtocol.MaxReplyBytes;
        if (content.Headers.ContentLength > cap)
        {
            return (null, RelayOutcome.Malformed($"reply of {content.Headers.ContentLength} bytes exceeds the {cap}-byte limit"));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(cap + 1);
        try
        {
            var total = 0;
            try
            {
                var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    while (total <= cap)
                    {
                        var read = await stream.ReadAsync(buffer.AsMemory(total, cap + 1 - total), cancellationToken).ConfigureAwait(false);
                        if (read == 0) break;
                        total += read;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                return (null, RelayOutcome.Malformed($"reply cut off after {total} bytes ({Innermost(ex)})", Encoding.UTF8.GetString(buffer, 0, total)));
            }

            return total > cap
                ? (null, RelayOutcome.Malformed($"reply exceeds the {cap}-byte limit"))
                : (Encoding.UTF8.GetString(buffer, 0, total), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static T? Find<T>(Exception ex) where T : Exception
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found) return found;
        }

        return null;
    }

    private static string Innermost(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return TextPreview.OneLine(inner.Message, 200);
    }

    private static bool HasControlCharacters(string value) =>
        value.AsSpan().ContainsAnyInRange('\0', '\u001f') || value.Contains('\u007f', StringComparison.Ordinal);

    // A gateway that echoes what it was sent must not carry the install code into logs or status pages.
    private static RelayOutcome WithoutSecret(RelayOutcome outcome, LocalGateway gateway)
    {
        if (outcome.Detail is not { } detail || gateway.InstallCode.Length == 0) return outcome;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{gateway.CloudId}:{gateway.InstallCode}"));
        var redacted = detail.Replace(gateway.InstallCode, "***", StringComparison.OrdinalIgnoreCase).Replace(basic, "***", StringComparison.Ordinal);
        return redacted == detail ? outcome : outcome with { Detail = redacted };
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Local API request for gateway {CloudId} ended {Outcome} (HTTP {HttpStatus}): {Detail}")]
    private static partial void LogFailure(ILogger logger, string cloudId, RelayOutcomeKind outcome, int? httpStatus, string? detail);
}

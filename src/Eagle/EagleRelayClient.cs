using System.Buffers;
using Rainforest.Domain.HourFiles;
using System.Net.Http.Headers;
using System.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Rainforest.Eagle.Connections;

namespace Rainforest.Eagle;

/// <summary>
/// Asks the cloud relay for one gateway's instantaneous demand. Every gateway or network problem comes back as a
/// classified <see cref="RelayOutcome"/>; only the caller's own cancellation throws.
/// </summary>
public sealed partial class EagleRelayClient
{
    private readonly HttpClient _http;
    private readonly EagleRelayOptions _options;
    private readonly ILogger _logger;
    private readonly RelayConnectionGate? _gate;

    public EagleRelayClient(HttpClient http, IOptions<EagleRelayOptions> options, ILogger<EagleRelayClient> logger)
        : this(http, options, logger, null)
    {
    }

    /// <param name="gate">Bounds the requests in flight to the connections the descriptor budget allows.</param>
    [ActivatorUtilitiesConstructor]
    public EagleRelayClient(HttpClient http, IOptions<EagleRelayOptions> options, ILogger<EagleRelayClient> logger, RelayConnectionGate? gate)
    {
        _gate = gate;
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<RelayOutcome> GetInstantaneousDemandAsync(EagleCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        cancellationToken.ThrowIfCancellationRequested();

        var outcome = await SendAsync(credentials, RelayProtocol.GetInstantaneousDemandCommandBytes,
            RelayReplyParser.ParseInstantaneousDemand, _options.RequestTimeout, cancellationToken, PlainDemandReading).ConfigureAwait(false);
        outcome = WithoutPassword(outcome, credentials.Password);
        if (!outcome.IsReading)
        {
            LogFailure(_logger, credentials.CloudId, outcome.Kind, outcome.HttpStatus, outcome.Detail);
        }

        return outcome;
    }

    /// <summary>
    /// Asks for a summation (get_current_summation) or a price (get_price) reading; a success carries its record
    /// line. <paramref name="timeout"/> is at most the configured RequestTimeout: the caller fits it into what is
    /// left of a poll slot. <paramref name="readAt"/> stands in for a reply without its own TimeStamp.
    /// </summary>
    public async Task<RelayOutcome> CaptureAsync(EagleCredentials credentials, RecordKind kind, DateTimeOffset readAt, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        cancellationToken.ThrowIfCancellationRequested();
        var command = kind == RecordKind.Summation ? RelayProtocol.GetCurrentSummationCommandBytes
            : kind == RecordKind.Price ? RelayProtocol.GetPriceCommandBytes
            : throw new ArgumentException($"{kind} is not a captured kind.", nameof(kind));
        timeout = timeout < _options.RequestTimeout ? timeout : _options.RequestTimeout;

        var outcome = await SendAsync(credentials, command, body => CapturedReading.Parse(body, kind, readAt), timeout, cancellationToken)
            .ConfigureAwait(false);
        outcome = WithoutPassword(outcome, credentials.Password);
        if (!outcome.IsCaptured)
        {
            LogFailure(_logger, credentials.CloudId, outcome.Kind, outcome.HttpStatus, outcome.Detail);
        }

        return outcome;
    }

    // Reads a usual reply from its bytes; null sends the reply through the text parser.
    private delegate RelayOutcome? BytesParser(ReadOnlySpan<byte> body, string? charset);

    private static RelayOutcome? PlainDemandReading(ReadOnlySpan<byte> body, string? charset) =>
        PlainDemandXml.TryRead(body, charset) is { } reading ? RelayOutcome.Success(reading) : null;

    private async Task<RelayOutcome> SendAsync(EagleCredentials credentials, byte[] command, Func<string, RelayOutcome> parse, TimeSpan timeout,
        CancellationToken cancellationToken, BytesParser? parseBytes = null)
    {
        if (HasUnsendableCharacters(credentials.CloudId) || HasUnsendableCharacters(credentials.User) || HasUnsendableCharacters(credentials.Password))
        {
            // A line break in a header value would be refused by HttpClient (or split the request); the relay is never asked.
            return RelayOutcome.CredentialsRejected("the Cloud ID, user or password contains control characters and cannot be sent");
        }

        using var budget = RequestDeadlines.Shared.Start(timeout, cancellationToken);
        // At most half the timeout in the queue: what is left must still carry the request and its reply.
        var patience = timeout / 2;
        if (_gate is not null && !await _gate.EnterAsync(patience, cancellationToken).ConfigureAwait(false))
        {
            return RelayOutcome.ConnectionsBusy(
                $"all {_gate.Capacity} relay connections this silo may open stayed busy for {Describe(patience)} (Rainforest:Descriptors)");
        }

        try
        {
            return await SendWithinAsync(credentials, command, parse, parseBytes, timeout, budget, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate?.Leave();
        }
    }

    private async Task<RelayOutcome> SendWithinAsync(EagleCredentials credentials, byte[] command, Func<string, RelayOutcome> parse, BytesParser? parseBytes,
        TimeSpan timeout, RequestDeadlines.Budget budget, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(credentials, command);
        try
        {
            using var response = await _http
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, budget.Token)
                .ConfigureAwait(false);

            var status = (int)response.StatusCode;
            if (status is 401 or 403)
            {
                return RelayOutcome.CredentialsRejected($"relay answered HTTP {status}{Reason(response)}", status);
            }

            if (status is < 200 or > 299)
            {
                return RelayOutcome.HttpError(status, $"relay answered HTTP {status}{Reason(response)}");
            }

            return await ReadReplyAsync(response.Content, parse, parseBytes, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The relay request was cancelled by the caller.", ex, cancellationToken);
        }
        catch (OperationCanceledException ex)
        {
            // SocketsHttpHandler reports its own ConnectTimeout as a cancellation wrapping a TimeoutException.
            return ex.InnerException is TimeoutException && !budget.IsCancellationRequested
                ? RelayOutcome.Timeout("connecting to the relay timed out")
                : RelayOutcome.Timeout($"no complete reply from the relay within {Describe(timeout)}");
        }
        catch (HttpRequestException ex) when (ex.InnerException is ConnectionsExhausted exhausted)
        {
            return RelayOutcome.ConnectionsBusy(exhausted.Message);
        }
        catch (HttpRequestException ex)
        {
            return Classify(ex);
        }
        catch (IOException ex)
        {
            return RelayOutcome.Unreachable($"connection to the relay failed: {InnermostMessage(ex)}");
        }
    }

    private HttpRequestMessage CreateRequest(EagleCredentials credentials, byte[] command)
    {
        var content = new ByteArrayContent(command);
        content.Headers.ContentType = new MediaTypeHeaderValue(RelayProtocol.CommandContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, _options.CloudUrl) { Content = content };
        // Without validation: passwords may hold characters (',', '(', ';') that typed header parsing would reject.
        request.Headers.TryAddWithoutValidation(RelayProtocol.CloudIdHeader, credentials.CloudId);
        request.Headers.TryAddWithoutValidation(RelayProtocol.UserHeader, credentials.User);
        request.Headers.TryAddWithoutValidation(RelayProtocol.PasswordHeader, credentials.Password);
        return request;
    }

    private static async Task<RelayOutcome> ReadReplyAsync(HttpContent content, Func<string, RelayOutcome> parse, BytesParser? parseBytes,
        CancellationToken cancellationToken)
    {
        const int cap = RelayProtocol.MaxReplyBytes;
        if (content.Headers.ContentLength > cap)
        {
            return RelayOutcome.Malformed($"reply of {content.Headers.ContentLength} bytes exceeds the {cap}-byte limit");
        }

        // A reply is a few hundred bytes: start small (a 64 KiB rental per poll lands on the large object heap
        // whenever the pool's per-thread slot is taken) and grow only for a longer reply.
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReplyBuffer(content.Headers.ContentLength, cap));
        try
        {
            var total = 0;
            Exception? cut = null;
            try
            {
                var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    // Read one byte past the cap so "exactly at the limit" and "over it" can be told apart.
                    while (total <= cap)
                    {
                        if (total == buffer.Length)
                        {
                            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, cap + 1));
                            buffer.AsSpan(0, total).CopyTo(larger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }

                        var read = await stream.ReadAsync(buffer.AsMemory(total, Math.Min(buffer.Length, cap + 1) - total), cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        total += read;
                    }
                }
            }
            catch (IOException ex)
            {
                cut = ex;
            }
            catch (HttpRequestException ex)
            {
                cut = ex;
            }

            var charset = content.Headers.ContentType?.CharSet;
            if (cut is null && total <= cap && parseBytes?.Invoke(buffer.AsSpan(0, total), charset) is { } plain)
            {
                return plain;
            }

            var body = Decode(buffer.AsSpan(0, total), charset);
            if (cut is not null)
            {
                return RelayOutcome.Malformed($"reply cut off after {total} bytes ({InnermostMessage(cut)})", body);
            }

            if (total > cap)
            {
                return RelayOutcome.Malformed($"reply exceeds the {cap}-byte limit", body);
            }

            return parse(body);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The announced length and one byte more (to see a reply longer than announced), else 4 KiB; never above the cap.
    private static int InitialReplyBuffer(long? contentLength, int cap) =>
        (int)Math.Min(contentLength is { } length ? Math.Max(length + 1, 256) : 4096, cap + 1);

    private static string Decode(ReadOnlySpan<byte> bytes, string? charset)
    {
        // A byte order mark beats the Content-Type header (the relay labels its XML text/html).
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        return EncodingFor(charset).GetString(bytes);
    }

    private static Encoding EncodingFor(string? charset)
    {
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                return Encoding.GetEncoding(charset.Trim().Trim('"'));
            }
            catch (ArgumentException)
            {
                // Unknown charset names fall through to UTF-8, which covers ASCII replies.
            }
        }

        return Encoding.UTF8;
    }

    private static RelayOutcome Classify(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => RelayOutcome.Unreachable($"cannot resolve the relay host: {InnermostMessage(ex)}"),
        HttpRequestError.ConnectionError => RelayOutcome.Unreachable($"cannot connect to the relay: {InnermostMessage(ex)}"),
        HttpRequestError.SecureConnectionError => RelayOutcome.Unreachable($"TLS handshake with the relay failed: {InnermostMessage(ex)}"),
        HttpRequestError.ResponseEnded => RelayOutcome.Unreachable("the relay closed the connection before replying"),
        HttpRequestError.InvalidResponse => RelayOutcome.Malformed($"the relay's reply is not valid HTTP: {InnermostMessage(ex)}"),
        HttpRequestError.ConfigurationLimitExceeded => RelayOutcome.Malformed($"the relay's reply headers are too large: {InnermostMessage(ex)}"),
        _ when ex.InnerException is AuthenticationException => RelayOutcome.Unreachable($"TLS handshake with the relay failed: {InnermostMessage(ex)}"),
        _ => RelayOutcome.Unreachable($"request to the relay failed: {InnermostMessage(ex)}"),
    };

    private static string InnermostMessage(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return TextPreview.OneLine(inner.Message, 200);
    }

    private static string Reason(HttpResponseMessage response) =>
        string.IsNullOrWhiteSpace(response.ReasonPhrase) ? string.Empty : " " + TextPreview.OneLine(response.ReasonPhrase, 60);

    private static string Describe(TimeSpan timeout) => timeout < TimeSpan.FromSeconds(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.###} s");

    private static bool HasUnsendableCharacters(string? value) =>
        value is not null && (value.AsSpan().ContainsAnyInRange('\0', '\u001f') || value.Contains('\u007f'));

    // A relay that echoes what it was sent must not carry the password into logs or status pages,
    // neither as sent nor in the escaped form body previews use.
    private static RelayOutcome WithoutPassword(RelayOutcome outcome, string? password)
    {
        if (outcome.Detail is not { } detail || string.IsNullOrEmpty(password))
        {
            return outcome;
        }

        var redacted = detail.Replace(password, "***", StringComparison.Ordinal);
        var escaped = TextPreview.Of(password, int.MaxValue);
        if (escaped.Length > 0 && escaped != password)
        {
            redacted = redacted.Replace(escaped, "***", StringComparison.Ordinal);
        }

        return redacted == detail ? outcome : outcome with { Detail = redacted };
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Relay request for gateway {CloudId} ended {Outcome} (HTTP {HttpStatus}): {Detail}")]
    private static partial void LogFailure(ILogger logger, string cloudId, RelayOutcomeKind outcome, int? httpStatus, string? detail);
}

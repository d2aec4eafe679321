using System.Text.Json.Nodes;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;

namespace Rainforest.Cli.Api;

/// <summary>
/// The HTTP API as this tool uses it. Failures an operator must act on become <see cref="CommandException"/>s
/// with the documented exit code; a registration's per-line verdict comes back as a value, so an import can
/// go on past a bad line.
/// </summary>
public sealed class RainforestClient : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly HttpClient _http;
    private readonly ServerSettings _settings;
    private readonly ResiliencePipeline<HttpResponseMessage> _rateLimitRetry;

    public RainforestClient(ServerSettings settings, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = settings.Timeout })
        {
            BaseAddress = settings.BaseAddress,
            Timeout = settings.Timeout,
        };
        _http.DefaultRequestHeaders.Add(ApiKeyHeader, settings.ApiKey);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("rainforest-cli", "1.0"));

        // Only 429 is retried: the server did not handle the request, so sending it again is safe on every
        // route. A large import can outrun the per-key rate limit; it waits instead of rejecting lines.
        _rateLimitRetry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests),
                MaxRetryAttempts = 8,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(20),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta),
            })
            .Build();
    }

    public Uri Server => _settings.Server;

    /// <summary>Creates or updates one user. Throws only when no line could succeed (server unreachable, key refused).</summary>
    public Task<RegistrationReply> RegisterAsync(string cloudId, string email, string password, CancellationToken ct) =>
        RegisterAsync(cloudId, new RegistrationBody(email, password), ct);

    /// <summary>Creates or updates one user from a whole body (a migration's carries counters).</summary>
    public async Task<RegistrationReply> RegisterAsync(string cloudId, RegistrationBody registration, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(registration, ApiJson.Options);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, UserPath(cloudId))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        }, ct);

        switch (response.StatusCode)
        {
            case HttpStatusCode.Created:
                return new RegistrationReply(RegistrationOutcome.Created);
            case HttpStatusCode.OK:
                // Only "result" matters here; the rest of the user is not this command's business.
                var user = (await ReadAsync<JsonElement>(response, "a registration", ct)).Json;
                var unchanged = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("result", out var result)
                    && result.ValueKind == JsonValueKind.String && result.GetString() == "unchanged";
                return new RegistrationReply(unchanged ? RegistrationOutcome.Unchanged : RegistrationOutcome.Updated);
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                throw KeyRejected(response.StatusCode);
            case HttpStatusCode.NotFound:
                // The route always exists on a Rainforest server: this is some other service.
                throw new CommandException(ExitCodes.ServerError,
                    $"{_settings.Server} answered 404 to POST /api/users/{{cloud_id}}: is it the Rainforest API?");
        }

        var problem = await ApiProblem.ReadAsync(response, ct);
        return new RegistrationReply(OutcomeOf(response.StatusCode), problem.Describe(), problem.Status);
    }

    /// <summary>
    /// Creates or updates many users in one request (<c>POST /api/users</c>, up to 10,000), one verdict per user in
    /// order; null when the server has no such route (an older server answers 404 or 405), so the caller sends
    /// them one by one. Throws only when no user could succeed (server unreachable, key refused).
    /// </summary>
    public async Task<IReadOnlyList<RegistrationReply>?> RegisterManyAsync(
        IReadOnlyList<(string CloudId, RegistrationBody Body)> users, CancellationToken ct)
    {
        var items = new JsonArray();
        foreach (var (cloudId, registration) in users)
        {
            var item = JsonSerializer.SerializeToNode(registration, ApiJson.Options)!.AsObject();
            item.Insert(0, "cloud_id", cloudId);
            items.Add(item);
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(items, ApiJson.Options);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/users")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        }, ct);

        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                var results = (await ReadAsync<JsonElement>(response, "a bulk registration", ct)).Json;
                if (results.ValueKind != JsonValueKind.Array || results.GetArrayLength() != users.Count)
                {
                    throw new CommandException(ExitCodes.ServerError,
                        $"{_settings.Server} answered a bulk registration of {users.Count} users with something else than one result each.");
                }
                return [.. results.EnumerateArray().Select(ToReply)];
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                throw KeyRejected(response.StatusCode);
            case HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed:
                return null;
        }

        // The request as a whole was refused or failed: every user in it shares that verdict.
        var problem = await ApiProblem.ReadAsync(response, ct);
        var reply = new RegistrationReply(OutcomeOf(response.StatusCode), problem.Describe(), problem.Status);
        return [.. users.Select(_ => reply)];
    }

    private static RegistrationReply ToReply(JsonElement result)
    {
        if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty("result", out var verdict))
        {
            return new RegistrationReply(verdict.GetString() switch
            {
                "created" => RegistrationOutcome.Created,
                "unchanged" => RegistrationOutcome.Unchanged,
                _ => RegistrationOutcome.Updated,
            });
        }
        var error = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
            ? e
            : default;
        var status = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 500;
        var problem = new ApiProblem(status, TextOf(error, "title"), TextOf(error, "detail"));
        return new RegistrationReply(OutcomeOf((HttpStatusCode)status), problem.Describe(), status);
    }

    private static string? TextOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static RegistrationOutcome OutcomeOf(HttpStatusCode status) =>
        (int)status >= 500 || status == HttpStatusCode.TooManyRequests ? RegistrationOutcome.Failed : RegistrationOutcome.Rejected;

    /// <summary>One user; exit code 5 when there is none.</summary>
    public async Task<ApiReply<UserRecord>> GetUserAsync(string cloudId, CancellationToken ct) =>
        await TryGetUserAsync(cloudId, ct)
        ?? throw new CommandException(ExitCodes.NotFound, $"No user with Cloud ID {cloudId} is registered.");

    /// <summary>One user, or null when there is none (it may have been deleted since it was listed).</summary>
    public async Task<ApiReply<UserRecord>?> TryGetUserAsync(string cloudId, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, UserPath(cloudId)), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, $"reading user {cloudId}", ct);
        return await ReadAsync<UserRecord>(response, $"reading user {cloudId}", ct);
    }

    /// <summary>All users, or those in one state (<c>polling</c>, <c>failing</c>, <c>credentials_rejected</c>, <c>paused</c>).</summary>
    public async Task<ApiReply<UserListRecord>> ListUsersAsync(string? state, CancellationToken ct)
    {
        var path = state is null ? "api/users" : $"api/users?status={Uri.EscapeDataString(state)}";
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ct);
        await EnsureSuccessAsync(response, "listing users", ct);
        return await ReadAsync<UserListRecord>(response, "listing users", ct);
    }

    /// <summary>Stops polling the user and forgets the credentials; exit code 5 when there is no such user.</summary>
    public async Task DeleteUserAsync(string cloudId, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, UserPath(cloudId)), ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new CommandException(ExitCodes.NotFound, $"No user with Cloud ID {cloudId} is registered.");
        }
        await EnsureSuccessAsync(response, $"deleting user {cloudId}", ct);
    }

    /// <summary>The cluster's archive shipping, or null when the server does not offer <c>GET /api/archive</c>.</summary>
    public async Task<JsonElement?> TryGetArchiveStatusAsync(CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/archive"), ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed) return null;
        await EnsureSuccessAsync(response, "reading the archive status", ct);
        return (await ReadAsync<JsonElement>(response, "reading the archive status", ct)).Json;
    }

    /// <summary><c>/health/ready</c> of whichever process answers at the server URL.</summary>
    public async Task<Readiness> GetReadinessAsync(CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "health/ready"), ct);
        var text = (await response.Content.ReadAsStringAsync(ct)).Trim();
        return response.StatusCode switch
        {
            HttpStatusCode.OK => new Readiness(true, text.Length > 0 ? text : "Healthy"),
            HttpStatusCode.ServiceUnavailable => new Readiness(false, text.Length > 0 ? text : "Unhealthy"),
            _ => new Readiness(null, $"/health/ready answered {(int)response.StatusCode}"),
        };
    }

    /// <summary>
    /// A GET whose body may be long (a user's readings): returned as soon as the headers are in, so the caller
    /// streams it; an error answer becomes the documented exit code (400 → 2, 404 → 5, 401/403 → 4, else 6).
    /// </summary>
    public async Task<HttpResponseMessage> GetStreamingAsync(string path, string what, CancellationToken ct)
    {
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ct, HttpCompletionOption.ResponseHeadersRead);
        try
        {
            await EnsureSuccessAsync(response, what, ct);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private static string UserPath(string cloudId) => $"api/users/{Uri.EscapeDataString(cloudId)}";

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            // A request message can be sent only once, so each attempt builds its own.
            return await _rateLimitRetry.ExecuteAsync(
                async token => await _http.SendAsync(request(), completion, token), ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CommandException(ExitCodes.Unreachable, Unreachable(ex));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CommandException(ExitCodes.Unreachable,
                $"The server at {_settings.Server} did not answer within {_settings.Timeout.TotalSeconds:0} s (--timeout).");
        }
    }

    /// <summary>The message for a transfer that broke after the answer began (the server aborts a stream it cannot finish).</summary>
    public string BrokenTransfer(string what, Exception ex) =>
        $"The transfer of {what} from {_settings.Server} broke off ({ex.GetBaseException().Message.TrimEnd('.')}); what arrived is incomplete.";

    private string Unreachable(HttpRequestException ex)
    {
        // The innermost cause says what happened ("Connection refused", "Name or service not known").
        var reason = ex.GetBaseException().Message.TrimEnd('.');
        return $"Cannot reach the server at {_settings.Server}: {reason}. Is it running, and is --server (or RAINFOREST_SERVER) right?";
    }

    private CommandException KeyRejected(HttpStatusCode status) => new(ExitCodes.KeyRejected,
        $"The server at {_settings.Server} rejected the API key ({(int)status} {status}). Check --api-key or RAINFOREST_API_KEY.");

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) throw KeyRejected(response.StatusCode);

        var problem = await ApiProblem.ReadAsync(response, ct);
        throw response.StatusCode switch
        {
            HttpStatusCode.NotFound => new CommandException(ExitCodes.NotFound, $"{what}: {problem.Describe()}"),
            HttpStatusCode.BadRequest => new CommandException(ExitCodes.Usage, $"The server refused {what}: {problem.Describe()}"),
            HttpStatusCode.TooManyRequests => new CommandException(ExitCodes.ServerError,
                $"The server kept refusing {what} with 429 (rate limit per API key): {problem.Describe()}"),
            _ => new CommandException(ExitCodes.ServerError, $"The server failed {what} ({problem.Status}): {problem.Describe()}"),
        };
    }

    private static async Task<ApiReply<T>> ReadAsync<T>(HttpResponseMessage response, string what, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var json = await JsonSerializer.DeserializeAsync<JsonElement>(stream, ApiJson.Options, ct);
            var value = json.Deserialize<T>(ApiJson.Options) ?? throw new JsonException("the answer is null");
            return new ApiReply<T>(value, json);
        }
        catch (JsonException ex)
        {
            throw new CommandException(ExitCodes.ServerError,
                $"The server's answer to {what} is not what this tool understands ({ex.Message}). Is --server the Rainforest API?");
        }
    }
}

using Microsoft.AspNetCore.Mvc;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Recording;
using Rainforest.Simulator.Uploader;

namespace Rainforest.Simulator.Control;

/// <summary>The <c>/sim/…</c> routes: configure accounts and faults, read request logs and totals.</summary>
internal sealed class ControlHandlers(SimulatedAccounts accounts, SimulatorStats stats, SimulatedUploaders uploaders)
{
    public async Task PutUploaderAsync(HttpContext context)
    {
        if (CloudIdOf(context) is not { } cloudId) { await BadCloudIdAsync(context); return; }
        var body = await ReadAsync<UploaderBody>(context);
        if (body is null) { await InvalidBodyAsync(context); return; }
        if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || body.EverySeconds is not (>= 0.1 and <= 86_400))
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid uploader",
                "url is an absolute http(s) URL and everySeconds between 0.1 and 86400.");
            return;
        }
        try
        {
            await OkAsync(context, uploaders.Start(cloudId, url, TimeSpan.FromSeconds(body.EverySeconds.Value)));
        }
        catch (KeyNotFoundException)
        {
            await NotFoundAsync(context, cloudId);
        }
    }

    public async Task GetUploaderAsync(HttpContext context)
    {
        if (CloudIdOf(context) is not { } cloudId) { await BadCloudIdAsync(context); return; }
        if (uploaders.Find(cloudId) is { } uploader) await OkAsync(context, uploader);
        else await NotFoundAsync(context, cloudId);
    }

    public async Task DeleteUploaderAsync(HttpContext context)
    {
        if (CloudIdOf(context) is not { } cloudId) { await BadCloudIdAsync(context); return; }
        if (uploaders.Stop(cloudId)) context.Response.StatusCode = StatusCodes.Status204NoContent;
        else await NotFoundAsync(context, cloudId);
    }

    private const int MaxDelayMs = 86_400_000;

    public async Task PutAccountAsync(HttpContext context)
    {
        if (CloudIdOf(context) is not { } cloudId) { await BadCloudIdAsync(context); return; }
        var body = await ReadAsync<AccountBody>(context);
        if (body is null) { await InvalidBodyAsync(context); return; }
        if (!TryFault(body.Fault, out var fault)) { await BadFaultAsync(context, body.Fault); return; }
        if (!TryDelay(body.DelayMs, out var delay)) { await BadDelayAsync(context); return; }
        if (body.InstallCode is { } code && !IsInstallCode(code)) { await BadInstallCodeAsync(context); return; }

        var account = accounts.Add(
            cloudId,
            body.User ?? SimulatedAccount.DefaultUser(cloudId),
            body.Password ?? SimulatedAccount.DefaultPassword(cloudId),
            fault,
            delay,
            body.InstallCode);
        await OkAsync(context, AccountView.Of(account));
    }

    public async Task PutFaultAsync(HttpContext context)
    {
        if (CloudIdOf(context) is not { } cloudId) { await BadCloudIdAsync(context); return; }
        var body = await ReadAsync<FaultBody>(context);
        if (body is null) { await InvalidBodyAsync(context); return; }
        if (body.Fault is null || !TryFault(body.Fault, out var fault)) { await BadFaultAsync(context, body.Fault); return; }
        if (!TryDelay(body.DelayMs, out var delay)) { await BadDelayAsync(context); return; }

        try
        {
            await OkAsync(context, AccountView.Of(accounts.SetFault(cloudId, fault, delay)));
        }
        catch (KeyNotFoundException)
        {
            await NotFoundAsync(context, cloudId);
        }
    }

    public async Task DeleteAccountAsync(HttpContext context)
    {
        if (CloudIdOf(context) is not { } cloudId) { await BadCloudIdAsync(context); return; }
        if (accounts.Remove(cloudId)) context.Response.StatusCode = StatusCodes.Status204NoContent;
        else await NotFoundAsync(context, cloudId);
    }

    public async Task GetAccountAsync(HttpContext context)
    {
        if (CloudIdOf(context) is not { } cloudId) { await BadCloudIdAsync(context); return; }
        if (accounts.Find(cloudId) is { } account) await OkAsync(context, AccountView.Of(account));
        else await NotFoundAsync(context, cloudId);
    }

    public async Task GetRequestsAsync(HttpContext context)
    {
        if (CloudIdOf(context) is not { } cloudId) { await BadCloudIdAsync(context); return; }
        if (accounts.IsKnown(cloudId)) await OkAsync(context, accounts.RequestsFor(cloudId));
        else await NotFoundAsync(context, cloudId);
    }

    public Task GetStatsAsync(HttpContext context) => OkAsync(context, StatsView.Of(stats, accounts));

    private static string? CloudIdOf(HttpContext context) =>
        context.Request.RouteValues["cloudId"] is string id && SimulatedCloudIds.IsAcceptable(id) ? SimulatedCloudIds.Normalize(id) : null;

    private static bool TryFault(string? text, out SimulatedFault fault)
    {
        fault = SimulatedFault.None;
        return text is null || FaultNames.TryParse(text, out fault);
    }

    private static bool TryDelay(int? milliseconds, out TimeSpan? delay)
    {
        delay = milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
        return milliseconds is null or (>= 0 and <= MaxDelayMs);
    }

    /// <summary>Null when the body is not a JSON object of the expected shape; an empty body is an empty object.</summary>
    private static async Task<T?> ReadAsync<T>(HttpContext context) where T : class, new()
    {
        if (context.Request.ContentLength == 0) return new T();
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, ControlJson.Options, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task OkAsync<T>(HttpContext context, T value) =>
        context.Response.WriteAsJsonAsync(value, ControlJson.Options, context.RequestAborted);

    private static Task BadCloudIdAsync(HttpContext context) =>
        ProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid Cloud ID", "A simulated Cloud ID is 1-64 letters, digits, '-', '_' or '.'.");

    private static Task InvalidBodyAsync(HttpContext context) =>
        ProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid body", "The body must be a JSON object.");

    private static Task BadFaultAsync(HttpContext context, string? fault) =>
        ProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid fault", $"Unknown fault '{fault}'. Known: {FaultNames.Known}.");

    private static Task BadDelayAsync(HttpContext context) =>
        ProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid delay", $"delayMs is between 0 and {MaxDelayMs}.");

    private static bool IsInstallCode(string code) => code.Length == 16 && code.All(char.IsAsciiHexDigit);

    private static Task BadInstallCodeAsync(HttpContext context) =>
        ProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid install code", "installCode is 16 hexadecimal digits.");

    private static Task NotFoundAsync(HttpContext context, string cloudId) =>
        ProblemAsync(context, StatusCodes.Status404NotFound, "No such account", $"No simulated account '{cloudId}'.");

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        return context.Response.WriteAsJsonAsync(problem, ControlJson.Options, "application/problem+json", context.RequestAborted);
    }
}

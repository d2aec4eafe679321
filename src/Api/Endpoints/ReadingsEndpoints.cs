using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Rainforest.Api.Security;
using Rainforest.Archive.Readings;
using Rainforest.Archive.Stores;
using Rainforest.Domain.HourFiles;
using Rainforest.Domain.Readings;
using Rainforest.Domain.Users;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// A user's logged readings in a time range, from the archive and the hours not shipped yet, streamed one hour
/// at a time; and the same stream folded into steps for a chart.
/// </summary>
public static class ReadingsEndpoints
{
    /// <summary>What a client is told to wait when the archive or a silo's hour files cannot be read right now.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static IEndpointRouteBuilder MapReadingsEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api")
            .RequireAuthorization(ApiAuthorization.PolicyName)
            .RequireRateLimiting(ApiRateLimiting.PolicyName)
            .WithTags("Readings");
        api.MapGet("/users/{cloud_id}/readings", GetReadings)
            .WithSummary("Logged demand (or, with kind, summation or price) readings in [from, to), archive and unshipped hours together, as JSON lines or CSV");
        api.MapGet("/users/{cloud_id}/readings/summary", GetSummary)
            .WithSummary("Count, mean/min/max kW and kWh per step of [from, to)");
        return routes;
    }

    private static async Task<IResult> GetReadings([FromRoute(Name = "cloud_id")] CloudId id,
        [FromQuery(Name = "from")] string? from, [FromQuery(Name = "to")] string? to,
        [FromQuery(Name = "format")] string? format, [FromQuery(Name = "kind")] string? kind,
        HttpContext context, IGrainFactory grains, UserReadings readings, TimeProvider time)
    {
        if (!ReadingsQuery.TryParse(from, to, format, kind, time.GetUtcNow(), out var query, out var problem)) return BadQuery(problem);
        if (await grains.GetGrain<IUserGrain>(id.Value).GetAsync() is null) return UnknownUser(id);

        var body = context.Response.Body;
        return await StreamAsync(context, id, query, readings,
            start: async ct =>
            {
                context.Response.ContentType = query.Format == ReadingsFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson";
                var header = query.Kind == RecordKind.Demand ? ReadingsCsv.Header : CapturedCsv.Header(query.Kind);
                if (query.Format == ReadingsFormat.Csv) await body.WriteAsync(Encoding.UTF8.GetBytes(header + "\n"), ct);
            },
            hour: async (lines, ct) =>
            {
                foreach (var line in lines)
                {
                    var text = query.Format != ReadingsFormat.Csv ? line.Line
                        : query.Kind == RecordKind.Demand ? ReadingsCsv.Row(line.Reading) : CapturedCsv.Row(query.Kind, line.Line);
                    await body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
                    await body.WriteAsync(NewLine, ct);
                }
                await body.FlushAsync(ct);
            },
            finish: _ => Task.CompletedTask);
    }

    private static async Task<IResult> GetSummary([FromRoute(Name = "cloud_id")] CloudId id,
        [FromQuery(Name = "from")] string? from, [FromQuery(Name = "to")] string? to,
        [FromQuery(Name = "step")] string? step, [FromQuery(Name = "kind")] string? kind,
        HttpContext context, IGrainFactory grains, UserReadings readings, TimeProvider time)
    {
        if (!ReadingsQuery.TryParse(from, to, null, kind, time.GetUtcNow(), out var query, out var problem)) return BadQuery(problem);
        if (!ReadingsQuery.TryParseStep(step, out var width, out problem)) return BadQuery(problem);
        if (query.Kind != RecordKind.Demand) return BadQuery("A summary is of demand readings only; read summation and price with the readings route.");
        if (await grains.GetGrain<IUserGrain>(id.Value).GetAsync() is null) return UnknownUser(id);

        var summary = new DemandSummary(query.From, width);
        // Not disposed on the way out: its final flush would start a 200 under a 503 problem.
        var json = new Utf8JsonWriter(context.Response.Body);
        return await StreamAsync(context, id, query, readings,
            start: _ =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                json.WriteStartArray();
                return Task.CompletedTask;
            },
            hour: async (lines, ct) =>
            {
                foreach (var line in lines)
                {
                    if (summary.Add(line.Reading) is { } done) Write(json, done);
                }
                await json.FlushAsync(ct);
            },
            finish: async ct =>
            {
                if (summary.Complete() is { } last) Write(json, last);
                json.WriteEndArray();
                await json.FlushAsync(ct);
                await json.DisposeAsync();
            });
    }

    /// <summary>
    /// Reads hour after hour and hands each batch to <paramref name="hour"/>. The first batch is read before anything
    /// is sent, so an archive or a silo that cannot be read answers 503; a later failure aborts the response, so the
    /// client sees a broken transfer rather than a complete-looking, shortened answer.
    /// </summary>
    private static async Task<IResult> StreamAsync(HttpContext context, CloudId id, ReadingsQuery query, UserReadings readings,
        Func<CancellationToken, Task> start, Func<IReadOnlyList<LoggedReading>, CancellationToken, Task> hour,
        Func<CancellationToken, Task> finish)
    {
        var ct = context.RequestAborted;
        var started = false;
        await using var batches = readings.ReadAsync(id.Value, query.Kind, query.From, query.To, ct).GetAsyncEnumerator(ct);
        while (true)
        {
            try
            {
                if (!await batches.MoveNextAsync()) break;
            }
            catch (Exception e) when (IsUnavailable(e) && !ct.IsCancellationRequested)
            {
                if (!started) return Unavailable(context, e);
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReadingsEndpoints))
                    .LogWarning(e, "Readings of {CloudId} aborted: part of the range could not be read", id);
                context.Abort();
                return Results.Empty;
            }
            if (!started)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                await start(ct);
                started = true;
            }
            await hour(batches.Current, ct);
        }
        if (!started)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            await start(ct);
        }
        await finish(ct);
        return Results.Empty;
    }

    private static bool IsUnavailable(Exception e) =>
        e is ArchiveStoreException or UnshippedHoursUnavailableException or IOException or UnauthorizedAccessException;

    private static void Write(Utf8JsonWriter json, DemandStep step)
    {
        json.WriteStartObject();
        json.WriteString("start", step.Start.UtcDateTime);
        json.WriteNumber("count", step.Count);
        json.WriteNumber("mean_kw", step.MeanKilowatts);
        json.WriteNumber("min_kw", step.MinKilowatts);
        json.WriteNumber("max_kw", step.MaxKilowatts);
        json.WriteNumber("energy_kwh", step.EnergyKilowattHours);
        json.WriteEndObject();
    }

    private static IResult Unavailable(HttpContext context, Exception e)
    {
        context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return e is UnshippedHoursUnavailableException silo
            ? TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "A silo's hour files cannot be read right now",
                detail: $"Part of the range is not shipped yet and {silo.Place} did not give it ({silo.InnerException?.GetType().Name}); try again later.")
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The archive cannot be read right now",
                detail: $"Some of the range is archived and the archive did not answer ({(e as ArchiveStoreException)?.Code ?? e.GetType().Name}); try again later.");
    }

    private static ProblemHttpResult BadQuery(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid readings query", detail: detail);

    private static ProblemHttpResult UnknownUser(CloudId id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Unknown user", detail: $"No user with Cloud ID {id} is registered.");
}

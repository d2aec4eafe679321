using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using RequestSizeLimitAttribute = Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute;
using Microsoft.Extensions.Options;
using Rainforest.Api.Hosting;
using Rainforest.Api.Problems;
using Rainforest.Api.Security;
using Rainforest.Domain.Users;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// <c>POST /api/users</c>: many users in one request, each item the single-user body plus its <c>cloud_id</c>, checked
/// by the same rules. Items are registered concurrently; one bad item is answered in its place and never fails the rest.
/// </summary>
public static partial class BulkRegistrationEndpoints
{
    public const int MaxItems = 10_000;

    // Enough calls in flight to keep Redis and the grains busy, few enough not to crowd out polling.
    public const int Parallelism = 128;

    private const string ValidationTitle = "One or more validation errors occurred.";

    public static IEndpointRouteBuilder MapBulkRegistrationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api")
            .RequireAuthorization(ApiAuthorization.PolicyName)
            .RequireRateLimiting(ApiRateLimiting.PolicyName)
            .WithTags("Users")
            .MapPost("/users", RegisterMany)
            .WithSummary($"Create or update up to {MaxItems} users; one result per item, in order")
            .Accepts<UserRegistrationBody[]>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute((long)MaxItems * RequestBinding.MaxUserBodyBytes));
        return routes;
    }

    private static async Task<Results<Ok<BulkRegistrationResult[]>, ProblemHttpResult>> RegisterMany(
        HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> jsonOptions, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send the body as JSON (Content-Type: application/json).");
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return BadBody($"The body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var items = document.RootElement;
            if (items.ValueKind != JsonValueKind.Array) return BadBody("The body must be a JSON array of users.");
            var count = items.GetArrayLength();
            if (count > MaxItems) return BadBody($"At most {MaxItems} users per request; this one has {count}.");

            var json = jsonOptions.Value.SerializerOptions;
            var logger = loggers.CreateLogger(typeof(BulkRegistrationEndpoints).FullName!);
            var results = new BulkRegistrationResult[count];
            var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct };
            // Indexing a document's array walks it from the start; one pass hands every item its position.
            var users = items.EnumerateArray().ToArray();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (i, token) =>
                results[i] = await RegisterOneAsync(users[i], grains, json, request, logger));
            return TypedResults.Ok(results);
        }
    }

    private static async Task<BulkRegistrationResult> RegisterOneAsync(
        JsonElement item, IGrainFactory grains, JsonSerializerOptions json, HttpRequest request, ILogger logger)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return Invalid(null, "$", "Each user must be a JSON object.");
        }
        var sentId = item.TryGetProperty(RefusedRequestProblem.CloudIdRouteValue, out var idValue) && idValue.ValueKind == JsonValueKind.String
            ? idValue.GetString()
            : null;
        if (!Domain.Users.CloudId.TryParse(sentId, out var id))
        {
            return new BulkRegistrationResult(sentId, null, Problem(StatusCodes.Status400BadRequest, "Invalid Cloud ID",
                new Dictionary<string, string[]> { [RefusedRequestProblem.CloudIdRouteValue] = [Domain.Users.CloudId.Rule] }));
        }

        UserRegistrationBody? body;
        try
        {
            body = item.Deserialize<UserRegistrationBody>(json);
        }
        catch (JsonException ex)
        {
            var (field, message) = RefusedRequestProblem.ExplainBody(ex, typeof(UserRegistrationBody), json);
            return Invalid(id.Value, field, message);
        }

        // The single-user route's rules, run here per item instead of by the framework per request.
        var failures = new List<ValidationResult>();
        if (!Validator.TryValidateObject(body!, new ValidationContext(body!, request.HttpContext.RequestServices, null), failures, validateAllProperties: true))
        {
            var errors = failures
                .SelectMany(f => (f.MemberNames.Any() ? f.MemberNames : [""]).Select(m => (Field: JsonName(m, json), f.ErrorMessage ?? "is invalid.")))
                .GroupBy(e => e.Field, e => e.Item2)
                .ToDictionary(g => g.Key, g => g.Distinct().ToArray());
            return new BulkRegistrationResult(id.Value, null, Problem(StatusCodes.Status400BadRequest, ValidationTitle, errors));
        }

        try
        {
            var (secret, secretHash) = UserEndpoints.NewUploadSecret(body!);
            var result = await grains.GetGrain<IUserGrain>(id.Value).RegisterAsync(body!.ToRegistration(secretHash));
            return new BulkRegistrationResult(id.Value, JsonNamingPolicy.SnakeCaseLower.ConvertName(result.ToString()))
            {
                Uploader = await UserEndpoints.TakenUploaderAsync(grains, id, secret, secretHash, request),
            };
        }
        catch (GatewayAddressRefusedException refused)
        {
            // The silo resolved the gateway's host outside the networks it may connect to; nothing was stored.
            return new BulkRegistrationResult(id.Value, null, Problem(StatusCodes.Status400BadRequest, "Gateway address refused",
                new Dictionary<string, string[]> { ["gateway_url"] = [refused.Message] }, $"gateway_url refused: {refused.Message}."));
        }
        catch (Exception ex)
        {
            // Not stored; the others go on, and sending this one again is safe.
            var unavailable = TransientClusterErrors.IsUnavailable(ex);
            LogItemFailed(logger, ex, id.Value);
            return new BulkRegistrationResult(id.Value, null, unavailable
                ? Problem(StatusCodes.Status503ServiceUnavailable, "Cluster unavailable", new Dictionary<string, string[]>(),
                    "The user was not stored: the cluster or its store did not answer. Send it again.")
                : Problem(StatusCodes.Status500InternalServerError, "Not stored", new Dictionary<string, string[]>(),
                    "The user was not stored because of a server error. Send it again."));
        }
    }

    private static BulkRegistrationResult Invalid(string? cloudId, string field, string message) =>
        new(cloudId, null, Problem(StatusCodes.Status400BadRequest, ValidationTitle, new Dictionary<string, string[]> { [field] = [message] }));

    private static BulkItemProblem Problem(int status, string title, IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        new(status, title, detail ?? string.Join(" ", errors.SelectMany(e => e.Value)), errors);

    // Validation names the record's properties (UserPw); clients know the fields by their JSON names (user_pw).
    private static string JsonName(string member, JsonSerializerOptions json) =>
        member.Length == 0 ? "$" : json.PropertyNamingPolicy?.ConvertName(member) ?? member;

    private static ProblemHttpResult BadBody(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid bulk registration", detail: detail + " Nothing was registered.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk registration: user {CloudId} not stored")]
    private static partial void LogItemFailed(ILogger logger, Exception exception, string cloudId);
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Rainforest.Domain.Users;

namespace Rainforest.Api.Problems;

/// <summary>
/// Explains a request the framework refused while binding: the Cloud ID in the route, or a JSON body it could
/// not read into the endpoint's record. Body errors are named per field (the JSON name), like validation errors.
/// </summary>
public static class RefusedRequestProblem
{
    public const string CloudIdRouteValue = "cloud_id";

    // The key for what is wrong with the body as a whole rather than one field (the JSON path of the root).
    private const string WholeBody = "$";

    public static ProblemDetails For(Endpoint? endpoint, RouteValueDictionary? route, BadHttpRequestException refusal, JsonSerializerOptions json)
    {
        // Named first, whatever else is wrong, as it was when handlers checked it themselves.
        if (route?.GetValueOrDefault(CloudIdRouteValue) is string id && !CloudId.IsValid(id))
        {
            return new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Invalid Cloud ID", Detail = CloudId.Rule };
        }
        // With the Cloud ID bound, a 400 on a route that takes a body is about the body: unreadable JSON, or none.
        if (refusal.StatusCode == StatusCodes.Status400BadRequest && BodyType(endpoint) is { } bodyType)
        {
            var (field, message) = refusal.InnerException is JsonException error
                ? Explain(error, bodyType, json)
                : (WholeBody, "The body must be a JSON object.");
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Detail = message,
            };
        }
        return new ProblemDetails { Status = refusal.StatusCode, Title = "Unreadable request", Detail = refusal.Message };
    }

    /// <summary>What is wrong with a JSON object that does not read into <paramref name="bodyType"/>: a field, or the whole.</summary>
    public static (string Field, string Message) ExplainBody(JsonException error, Type bodyType, JsonSerializerOptions json) =>
        Explain(error, bodyType, json);

    private static Type? BodyType(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    private static (string Field, string Message) Explain(JsonException error, Type bodyType, JsonSerializerOptions json)
    {
        var field = TopLevelField(error.Path);
        var expected = field is null
            ? null
            : json.GetTypeInfo(bodyType).Properties.FirstOrDefault(p => p.Name == field)?.PropertyType;
        if (field is not null && error.Message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            // Parsers disagree on which of two values wins, so the body is refused rather than guessed at.
            return (field, $"{field} appears more than once.");
        }
        if (field is not null && expected is not null && error.InnerException is not null and not JsonException)
        {
            return (field, expected == typeof(string) ? $"{field} must be a string." : $"{field} has the wrong type.");
        }
        if (error.Path == WholeBody && error.InnerException is null)
        {
            return (WholeBody, "The body must be a JSON object.");
        }
        return (WholeBody, $"The body is not valid JSON: {error.Message}");
    }

    // "$.user_pw" → "user_pw"; deeper or quoted paths name no single field of the body.
    private static string? TopLevelField(string? path) =>
        path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) && path.IndexOfAny(['.', '[', '\''], 2) < 0
            ? path[2..]
            : null;
}

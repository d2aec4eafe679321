using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Rainforest.Api.Problems;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's Accept header says. The
/// framework's writer declines when a client does not accept JSON (a browser sends <c>Accept: text/html</c>),
/// which turned a 401 from the dashboard or a 404 into a bodiless 500; a machine-readable body is part of the
/// contract for every error.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions)
    : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var status = problem.Status ?? http.Response.StatusCode;
        problem.Status = status;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Type ??= TypeOf(status);
        if (problem is HttpValidationProblemDetails validation) NameFieldsAsSent(validation, jsonOptions.Value.SerializerOptions);
        problem.Detail ??= DetailOf(status, http);
        problem.Extensions.TryAdd("trace_id", Activity.Current?.Id ?? http.TraceIdentifier);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(
            problem, problem.GetType(), jsonOptions.Value.SerializerOptions, ContentType, http.RequestAborted));
    }

    // What the framework leaves unsaid when it refuses a body before any handler runs.
    private static string? DetailOf(int status, HttpContext http) => status switch
    {
        413 => http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } max
            ? $"The request body is larger than the {max} bytes this route accepts."
            : "The request body is too large.",
        415 => "Send the body as JSON (Content-Type: application/json).",
        400 => "The request body could not be read.",
        _ => null,
    };

    // Validation names fields as the record's properties (UserPw); clients know them by their JSON names (user_pw).
    // The messages together are also the detail, for clients that only show that.
    private static void NameFieldsAsSent(HttpValidationProblemDetails problem, JsonSerializerOptions json)
    {
        var renamed = problem.Errors.ToDictionary(
            e => json.PropertyNamingPolicy is { } policy && !e.Key.StartsWith('$')
                ? string.Join('.', e.Key.Split('.').Select(policy.ConvertName))
                : e.Key,
            e => e.Value);
        problem.Errors = renamed;
        problem.Detail ??= string.Join(" ", renamed.SelectMany(e => e.Value));
    }

    // The sections of RFC 9110 that define the statuses the API answers with.
    private static string? TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        408 => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        502 => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => null,
    };
}

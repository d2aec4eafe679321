using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Rainforest.Api.Problems;

/// <summary>
/// A request the framework refused before any handler ran (a route value or body that does not bind, bad chunked
/// framing, a body sent too slowly) is the client's fault: it gets the 4xx the framework chose, as a problem body
/// that says what was wrong, instead of a 500 and an error log line.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems, IOptions<JsonOptions> json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || context.Response.HasStarted) return false;
        // The middleware has cleared the request's endpoint and route values by now; the feature keeps them.
        var refused = context.Features.Get<IExceptionHandlerFeature>();
        var problem = RefusedRequestProblem.For(refused?.Endpoint, refused?.RouteValues, bad, json.Value.SerializerOptions);
        context.Response.StatusCode = problem.Status ?? bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = problem,
        });
    }
}

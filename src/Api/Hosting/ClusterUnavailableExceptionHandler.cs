using Microsoft.Extensions.Options;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Rainforest.Api.Hosting;

/// <summary>
/// A grain call that still failed transiently after its retries, or found the cluster's store (Redis) down,
/// becomes a 503 problem with <c>Retry-After</c>: the client learns the cluster is changing or recovering, not
/// that its request was bad or the server broken.
/// </summary>
public sealed partial class ClusterUnavailableExceptionHandler(
    IProblemDetailsService problems,
    IOptions<ClusterCallOptions> options,
    ILogger<ClusterUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!TransientClusterErrors.IsUnavailable(exception) || context.Response.HasStarted) return false;

        LogUnavailable(context.Request.Method, context.Request.Path, exception.GetType().Name);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        // No exception details: they name internal addresses.
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The cluster is unavailable",
                Detail = "The cluster could not serve this request in time: silos may be starting, stopping or failing over, or its storage may be unreachable. Retry shortly.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the cluster could not serve the request ({Error}); answered 503")]
    private partial void LogUnavailable(string method, string path, string error);
}

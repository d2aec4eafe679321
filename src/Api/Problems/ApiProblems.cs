using Microsoft.AspNetCore.Mvc;

namespace Rainforest.Api.Problems;

/// <summary>Writes RFC 9457 problem details from places that are not endpoint handlers (auth, limits).</summary>
public static class ApiProblems
{
    public static async Task Write(HttpContext context, int status, string title, string? detail)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Rainforest.Api.WebConsole;

/// <summary>
/// The web console: three static files compiled into this assembly, served at <c>/</c> without an API key (the
/// page asks for one and sends it with every API call). A fixed list of routes rather than a file provider, so
/// no request path ever reaches a file lookup.
/// </summary>
public static class ConsoleEndpoints
{
    // Everything the page needs comes from this origin: it works offline, and nothing injected can load or send elsewhere.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private static readonly (string Route, string Resource, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/console.js", "console.js", "text/javascript; charset=utf-8"),
        ("/console.css", "console.css", "text/css; charset=utf-8"),
    ];

    public static IEndpointRouteBuilder MapWebConsole(this IEndpointRouteBuilder routes)
    {
        foreach (var (route, resource, contentType) in Files)
        {
            var content = Load(resource);
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
            routes.MapGet(route, (HttpContext context) =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                    // Revalidated on every load, so a new version of the console is picked up at once.
                    headers.CacheControl = "no-cache";
                    return TypedResults.Bytes(content, contentType, entityTag: etag);
                })
                .AllowAnonymous()
                .ExcludeFromDescription();
        }
        return routes;
    }

    private static byte[] Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("WebConsole/" + name)
            ?? throw new InvalidOperationException($"The console file {name} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

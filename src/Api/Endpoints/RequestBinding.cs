using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// How the framework binds and checks what clients send: route values through <c>IParsable</c> types such as
/// <see cref="CloudId"/>, JSON bodies into records with strict options, then the records' validation attributes.
/// A refusal throws rather than ending in a bare status, so
/// <see cref="Problems.BadRequestExceptionHandler"/> can say what was wrong in the problem body.
/// </summary>
public static class RequestBinding
{
    /// <summary>A user body is small: an e-mail address and a password, plus whatever extras an import carries.</summary>
    public const int MaxUserBodyBytes = 4096;

    public static IServiceCollection AddRequestBinding(this IServiceCollection services)
    {
        services.AddValidation();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            // Parsers disagree on which of two values wins; a body naming a field twice is refused rather than guessed at.
            o.SerializerOptions.AllowDuplicateProperties = false;
            // The field names are the contract, spelled exactly.
            o.SerializerOptions.PropertyNameCaseInsensitive = false;
        });
        return services;
    }
}

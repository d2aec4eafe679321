using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Rainforest.Archive.Hosting;
using Rainforest.Api.Endpoints;
using Rainforest.Api.Problems;
using Rainforest.Api.Security;
using Rainforest.Api.WebConsole;
using Rainforest.Eagle;

namespace Rainforest.Api.Hosting;

/// <summary>The HTTP API as a unit: the same services and routes co-hosted in a silo or in the standalone gateway.</summary>
public static class RainforestApiExtensions
{
    /// <summary>The framework's categories whose Information and Debug lines print a request's path.</summary>
    public static readonly IReadOnlyList<string> PathLoggingCategories =
        ["Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing.Matching", "Microsoft.AspNetCore.StaticFiles"];

    public static WebApplicationBuilder AddRainforestApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiKeyOptions>().Bind(builder.Configuration.GetSection(ApiKeyOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.PostConfigure<ApiKeyOptions>(o => o.Keys.RemoveAll(string.IsNullOrWhiteSpace));

        var configuredKeys = builder.Configuration.GetSection($"{ApiKeyOptions.Section}:Keys").Get<string[]>() ?? [];
        if (!configuredKeys.Any(k => !string.IsNullOrWhiteSpace(k)))
        {
            var generated = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            services.PostConfigure<ApiKeyOptions>(o => o.Keys.Add(generated));
            // Printed once for the operator who started the process; never written through the logger.
            Console.WriteLine($"No API key configured (Rainforest:Api:Keys:0); this run accepts the generated key: {generated}");
        }

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiAuthorization.PolicyName, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddPushSourceOptions(builder.Configuration);
        // Upload URLs carry a secret in their path: the framework lines that print request paths stay at Warning
        // whatever level "Microsoft" is turned up to (a more specific category wins over the configured one).
        foreach (var category in PathLoggingCategories) builder.Logging.AddFilter(category, LogLevel.Warning);
        services.AddRateLimiter(o =>
        {
            ApiRateLimiting.Configure(o);
            o.AddPolicy(UploaderRateLimiting.PolicyName, new UploaderRateLimiting());
        });
        // Registered before the framework's writer so every error body is application/problem+json.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddRequestBinding();
        services.AddOpenApi();
        services.AddUserReadings(builder.Configuration);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            k.Limits.MaxRequestBodySize = 64 * 1024;
            k.Limits.MaxRequestLineSize = 4 * 1024;
        });
        return builder;
    }

    /// <summary>Middleware and routes; call after <c>Build()</c>.</summary>
    public static WebApplication MapRainforestApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapUserEndpoints();
        app.MapUploaderEndpoints();
        app.MapBulkRegistrationEndpoints();
        app.MapArchiveEndpoints();
        app.MapReadingsEndpoints();
        app.MapWebConsole();
        return app;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }
}

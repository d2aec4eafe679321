using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Rainforest.Api.Security;
using Rainforest.Domain.Users;

namespace Rainforest.Api.Endpoints;

/// <summary>The user routes: create/update, read, list, delete, and polling on demand.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api")
            .RequireAuthorization(ApiAuthorization.PolicyName)
            .RequireRateLimiting(ApiRateLimiting.PolicyName)
            .WithTags("Users");

        api.MapPost("/users/{cloud_id}", PutUser)
            .WithSummary("Create or update a user; counters survive an update")
            .WithMetadata(new RequestSizeLimitAttribute(RequestBinding.MaxUserBodyBytes));
        api.MapGet("/users/{cloud_id}", GetUser).WithSummary("One user, with polling status (never the password)");
        api.MapGet("/users", ListUsers).WithSummary("All users, or a page (?offset=&limit=) of those matching ?search= and ?status=failing|…, with counts per status");
        api.MapDelete("/users/{cloud_id}", DeleteUser).WithSummary("Stop polling and forget the credentials");
        api.MapGet("/event/{cloud_id}", PollNow).WithSummary("Poll this user's gateway now and return the logged reading");
        return routes;
    }

    // The framework has bound the Cloud ID and the body and validated both before this runs (see RequestBinding).
    private static async Task<Results<Created<UserResponse>, Ok<UserResponse>, ValidationProblem>> PutUser(
        [FromRoute(Name = "cloud_id")] CloudId id, [FromBody] UserRegistrationBody body, IGrainFactory grains, HttpRequest request)
    {
        var user = grains.GetGrain<IUserGrain>(id.Value);
        var (secret, secretHash) = NewUploadSecret(body);
        RegistrationResult result;
        try
        {
            result = await user.RegisterAsync(body.ToRegistration(secretHash));
        }
        catch (GatewayAddressRefusedException refused)
        {
            // The silo resolved the gateway's host outside the networks it may connect to; nothing was stored.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["gateway_url"] = [refused.Message] },
                detail: $"gateway_url refused: {refused.Message}.", title: "Gateway address refused");
        }
        var snapshot = await user.GetAsync();
        var response = UserResponse.From(snapshot!, result);
        if (await TakenUploaderAsync(grains, id, secret, secretHash, request) is { } uploader)
        {
            response = response with { Uploader = uploader };
        }
        return result == RegistrationResult.Created
            ? TypedResults.Created($"/api/users/{id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(
        [FromRoute(Name = "cloud_id")] CloudId id, IGrainFactory grains)
    {
        var snapshot = await grains.GetGrain<IUserGrain>(id.Value).GetAsync();
        return snapshot is null ? UnknownUser(id) : TypedResults.Ok(UserResponse.From(snapshot, null));
    }

    private static async Task<Results<Ok<UserListResponse>, ProblemHttpResult>> ListUsers(
        [FromQuery(Name = "status")] string? status, [FromQuery(Name = "search")] string? search,
        [FromQuery(Name = "offset")] string? offset, [FromQuery(Name = "limit")] string? limit, IGrainFactory grains)
    {
        if (!UserListQuery.TryParse(status, search, offset, limit, out var query, out var problem))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid user listing query", detail: problem);
        }

        var page = await grains.QueryUsersAsync(query.Query, query.Offset, query.Limit);
        var users = page.Users.Select(UserSummaryResponse.From).ToList();
        return TypedResults.Ok(new UserListResponse(users.Count, users, page.Matched, query.Offset, query.Limit, page.Counts));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteUser(
        [FromRoute(Name = "cloud_id")] CloudId id, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(id.Value).DeleteAsync() ? TypedResults.NoContent() : UnknownUser(id);

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> PollNow(
        [FromRoute(Name = "cloud_id")] CloudId id, IGrainFactory grains)
    {
        var result = await grains.GetGrain<IUserGrain>(id.Value).PollNowAsync();
        if (result is null) return UnknownUser(id);
        if (result.Succeeded && result.Record is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to poll", detail: result.Detail);
        }
        if (!result.Succeeded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The gateway did not give a reading",
                detail: result.Detail, extensions: new Dictionary<string, object?> { ["kind"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Error.ToString()) });
        }
        // The logged line itself, so 64-bit MAC ids reach the client exactly as written.
        using var record = JsonDocument.Parse(result.Record!);
        return TypedResults.Ok(record.RootElement.Clone());
    }

    // Made here so the secret never leaves this process: the cluster only ever sees its hash.
    internal static (string? Secret, string? Hash) NewUploadSecret(UserRegistrationBody body)
    {
        var secret = body.IsPush ? UploadSecret.Generate() : null;
        return (secret, secret is null ? null : UploadSecret.HashKey(UploadSecret.Hash(secret)));
    }

    // The user took this secret only when it became a push user or asked for a new URL: only then is it shown.
    internal static async Task<UploaderResponse?> TakenUploaderAsync(IGrainFactory grains, CloudId id, string? secret,
        string? secretHash, HttpRequest request) =>
        secretHash is not null && await grains.GetGrain<IUploaderSecretGrain>(secretHash).GetCloudIdAsync() == id.Value
            ? new UploaderResponse(UploadUrl(request, secret!))
            : null;

    // Absolute, from how this request reached us, so it can be typed into the gateway as it is.
    internal static string UploadUrl(HttpRequest request, string secret) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{UploaderEndpoints.Route.Replace("{secret}", secret, StringComparison.Ordinal)}";

    private static ProblemHttpResult UnknownUser(CloudId id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Unknown user", detail: $"No user with Cloud ID {id} is registered.");
}

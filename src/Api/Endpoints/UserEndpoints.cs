using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Rainforest.Api.Security;

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
            .Accepts<UserRegistrationBody>("application/json");
        api.MapGet("/users/{cloud_id}", GetUser).WithSummary("One user, with polling status (never the password)");
        api.MapGet("/users", ListUsers).WithSummary("All users; ?status=failing lists those that need attention");
        api.MapDelete("/users/{cloud_id}", DeleteUser).WithSummary("Stop polling and forget the credentials");
        api.MapGet("/event/{cloud_id}", PollNow).WithSummary("Poll this user's gateway now and return the logged reading");
        return routes;
    }

    private static async Task<Results<Created<UserResponse>, Ok<UserResponse>, ProblemHttpResult>> PutUser(
        [FromRoute(Name = "cloud_id")] string cloudId, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        if (CloudId.TryNormalize(cloudId) is not { } id) return BadCloudId();
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", detail: "Send the user as application/json.");
        }

        ReadOnlyMemory<byte>? body;
        try
        {
            body = await ReadBodyAsync(request, UserRegistrationRequest.MaxBodyBytes, ct);
        }
        catch (BadHttpRequestException ex)
        {
            return TypedResults.Problem(statusCode: ex.StatusCode, title: "Unreadable body", detail: ex.Message);
        }
        catch (IOException ex) when (!ct.IsCancellationRequested)
        {
            // Kestrel reports broken chunked framing (e.g. a chunk size that overflows) as a plain IOException.
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unreadable body",
                detail: $"The request body could not be read: {ex.Message}");
        }
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large",
                detail: $"A user is at most {UserRegistrationRequest.MaxBodyBytes} bytes of JSON.");
        }
        if (!UserRegistrationRequest.TryParse(body.Value, out var registration, out var error))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid user", detail: error);
        }

        var user = grains.GetGrain<IUserGrain>(id);
        var result = await user.RegisterAsync(registration!);
        var snapshot = await user.GetAsync();
        var response = UserResponse.From(snapshot!, result);
        return result == RegistrationResult.Created
            ? TypedResults.Created($"/api/users/{id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(
        [FromRoute(Name = "cloud_id")] string cloudId, IGrainFactory grains)
    {
        if (CloudId.TryNormalize(cloudId) is not { } id) return BadCloudId();
        var snapshot = await grains.GetGrain<IUserGrain>(id).GetAsync();
        return snapshot is null ? UnknownUser(id) : TypedResults.Ok(UserResponse.From(snapshot, null));
    }

    private static async Task<Results<Ok<UserListResponse>, ProblemHttpResult>> ListUsers(
        [FromQuery(Name = "status")] string? status, IGrainFactory grains)
    {
        Func<UserSummary, bool> filter = _ => true;
        if (status is not null)
        {
            if (!UserStatusFilter.TryParse(status, out var parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid status filter",
                    detail: $"status must be one of: {string.Join(", ", UserStatusFilter.Names)}.");
            }
            filter = parsed;
        }

        var shards = await Task.WhenAll(UserDirectory.AllShards()
            .Select(shard => grains.GetGrain<IUserDirectoryGrain>(shard).ListAsync()));
        var users = shards.SelectMany(s => s).Where(filter).Select(UserSummaryResponse.From).ToList();
        return TypedResults.Ok(new UserListResponse(users.Count, users));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteUser(
        [FromRoute(Name = "cloud_id")] string cloudId, IGrainFactory grains)
    {
        if (CloudId.TryNormalize(cloudId) is not { } id) return BadCloudId();
        return await grains.GetGrain<IUserGrain>(id).DeleteAsync() ? TypedResults.NoContent() : UnknownUser(id);
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> PollNow(
        [FromRoute(Name = "cloud_id")] string cloudId, IGrainFactory grains)
    {
        if (CloudId.TryNormalize(cloudId) is not { } id) return BadCloudId();
        var result = await grains.GetGrain<IUserGrain>(id).PollNowAsync();
        if (result is null) return UnknownUser(id);
        if (!result.Succeeded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The gateway did not give a reading",
                detail: result.Detail, extensions: new Dictionary<string, object?> { ["kind"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Error.ToString()) });
        }
        // The logged line itself, so 64-bit MAC ids reach the client exactly as written.
        using var record = JsonDocument.Parse(result.Record!);
        return TypedResults.Ok(record.RootElement.Clone());
    }

    private static ProblemHttpResult BadCloudId() => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid Cloud ID", detail: "A Cloud ID is exactly six hexadecimal digits, e.g. 002506.");

    private static ProblemHttpResult UnknownUser(string id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Unknown user", detail: $"No user with Cloud ID {id} is registered.");

    // Reads at most maxBytes; null when the body is larger.
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}


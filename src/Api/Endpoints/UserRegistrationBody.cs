namespace Rainforest.Api.Endpoints;

/// <summary>The documented shape of a registration body (for the OpenAPI document; the handler reads the body itself).</summary>
public sealed record UserRegistrationBody(string UserEmail, string UserPw);

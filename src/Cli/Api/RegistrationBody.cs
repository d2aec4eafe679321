namespace Rainforest.Cli.Api;

/// <summary>The body of <c>POST /api/users/{cloud_id}</c>: exactly the two fields the server reads.</summary>
public sealed record RegistrationBody(string UserEmail, string UserPw);

using System.ComponentModel.DataAnnotations;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// The body of <c>POST /api/users/{cloud_id}</c>: <c>{"user_email": …, "user_pw": …}</c>, as the original accepted.
/// Bound by the framework with the strict JSON options of <see cref="RequestBinding"/> (a field of the wrong type is
/// refused, not coerced; a field given twice is refused) and validated before the handler runs. Unknown fields
/// are ignored, as the original import files carry extras.
/// </summary>
public sealed record UserRegistrationBody(
    [property: Required(ErrorMessage = "user_email is required."), EmailShaped] string? UserEmail,
    [property: Required(AllowEmptyStrings = true, ErrorMessage = "user_pw is required."), RelayPassword] string? UserPw)
{
    /// <summary>Only called once validation passed, so both fields are there.</summary>
    public UserRegistration ToRegistration() => new(UserEmail!.Trim(), UserPw!);
}

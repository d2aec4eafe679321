using System.Net.Mail;
using System.Text.Json;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// The body of <c>POST /api/users/{cloud_id}</c>: <c>{"user_email": …, "user_pw": …}</c>, as the original accepted.
/// Read by hand rather than bound, so every malformed body gets the same precise 400 and fields of the wrong
/// type are refused instead of coerced. Unknown fields are ignored, as the original import files carry extras.
/// </summary>
public static class UserRegistrationRequest
{
    public const int MaxBodyBytes = 4096;
    public const int MaxEmailLength = 254;
    public const int MaxPasswordLength = 128;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4, AllowTrailingCommas = false };

    /// <summary>Parses and validates the body; on failure returns the reason a client can act on.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, out UserRegistration? registration, out string? error)
    {
        registration = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            error = $"The body is not valid JSON: {ex.Message}";
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "The body must be a JSON object with user_email and user_pw.";
                return false;
            }
            if (!TryGetString(document.RootElement, "user_email", out var email, out error)) return false;
            if (!TryGetString(document.RootElement, "user_pw", out var password, out error)) return false;

            email = email.Trim();
            if (email.Length > MaxEmailLength || !IsEmailShaped(email))
            {
                error = "user_email must be an e-mail address (at most 254 characters).";
                return false;
            }
            // The relay takes the password in an HTTP header, so only visible ASCII can travel.
            if (password.Length is 0 or > MaxPasswordLength || password.Any(c => c is < ' ' or > '~'))
            {
                error = $"user_pw must be 1 to {MaxPasswordLength} printable ASCII characters.";
                return false;
            }

            registration = new UserRegistration(email, password);
            error = null;
            return true;
        }
    }

    private static bool TryGetString(JsonElement root, string name, out string value, out string? error)
    {
        value = "";
        if (!root.TryGetProperty(name, out var property))
        {
            error = $"{name} is required.";
            return false;
        }
        if (property.ValueKind != JsonValueKind.String)
        {
            error = $"{name} must be a string.";
            return false;
        }
        value = property.GetString()!;
        error = null;
        return true;
    }

    private static bool IsEmailShaped(string email) =>
        email.Count(c => c == '@') == 1
        && !email.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.Host.Contains('.');
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// The body of <c>POST /api/users/{cloud_id}</c>: <c>{"user_email": …, "user_pw": …}</c>, as the original accepted.
/// Read by hand rather than bound, so every malformed body gets the same precise 400 and fields of the wrong
/// type are refused instead of coerced. Unknown fields are ignored, as the original import files carry extras;
/// a known field given twice is refused.
/// </summary>
public static partial class UserRegistrationRequest
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
        var count = 0;
        JsonElement property = default;
        foreach (var candidate in root.EnumerateObject())
        {
            if (candidate.NameEquals(name) && count++ == 0) property = candidate.Value;
        }
        if (count == 0)
        {
            error = $"{name} is required.";
            return false;
        }
        // Parsers disagree on which of two values wins; the body is refused rather than guessed at.
        if (count > 1)
        {
            error = $"{name} appears more than once.";
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

    // The HTML standard's "valid e-mail address" (what a browser's type=email accepts), plus a dot in the
    // domain: relay accounts are public addresses. No quoted or commented forms, no trailing dot, no spaces.
    private static bool IsEmailShaped(string email) => EmailShape().IsMatch(email);

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}

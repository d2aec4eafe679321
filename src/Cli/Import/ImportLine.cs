using Rainforest.Cli.Api;

namespace Rainforest.Cli.Import;

/// <summary>
/// One user from an import file in the original format: <c>{"cloud_id": "002506", "user_email": …, "user_pw": …}</c>,
/// or for a gateway whose local API the server polls <c>{"cloud_id": …, "source": "local", "gateway_url": …,
/// "install_code": …}</c> (<c>user_email</c> optional), or for a gateway that uploads its readings
/// <c>{"cloud_id": …, "source": "push"}</c> (<c>user_email</c> optional; its upload secret is never in a file); other fields (counters, the old <c>active</c> flag) are
/// ignored. The checks here catch what is plainly wrong before sending; the server stays the authority on the
/// rest (an e-mail's shape, a password's characters, a gateway's address).
/// </summary>
public sealed record ImportLine(int Line, string CloudId, RegistrationBody Body)
{
    private const int MaxValueShown = 40;
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static bool TryParse(int line, string text, out ImportLine? parsed, out string? cloudId, out string? reason)
    {
        parsed = null;
        cloudId = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException ex)
        {
            reason = $"not valid JSON at character {(ex.BytePositionInLine ?? 0) + 1}: {WithoutPosition(ex.Message)}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reason = "not a JSON object with cloud_id, user_email and user_pw";
                return false;
            }
            if (!TryGetString(root, "cloud_id", out var id, out reason)) return false;
            if (!Domain.Users.CloudId.TryParse(id.Trim(), out var parsedId))
            {
                reason = $"cloud_id \"{Shorten(id)}\" is not six hexadecimal digits";
                return false;
            }
            cloudId = parsedId.Value;

            var source = "relay";
            if (root.TryGetProperty("source", out var sourceValue) && sourceValue.ValueKind != JsonValueKind.Null)
            {
                if (!TryGetString(root, "source", out source, out reason)) return false;
                if (source is not ("relay" or "local" or "push"))
                {
                    reason = $"source \"{Shorten(source)}\" is not relay, local or push";
                    return false;
                }
            }

            if (source is "local" or "push")
            {
                var url = "";
                var code = "";
                if (source == "local")
                {
                    if (!TryGetString(root, "gateway_url", out url, out reason)) return false;
                    // The install code is a secret: its value is never repeated in a reason.
                    if (!TryGetString(root, "install_code", out code, out reason)) return false;
                }
                // Optional here, and an export writes a local or push user without one as "".
                string? email = null;
                if (root.TryGetProperty("user_email", out var emailValue) && emailValue.ValueKind != JsonValueKind.Null)
                {
                    if (emailValue.ValueKind != JsonValueKind.String)
                    {
                        reason = "user_email must be a string";
                        return false;
                    }
                    email = string.IsNullOrWhiteSpace(emailValue.GetString()) ? null : emailValue.GetString();
                }
                parsed = new ImportLine(line, cloudId, source == "local"
                    ? new RegistrationBody(email, null, Source: "local", GatewayUrl: url, InstallCode: code)
                    // A push user's body is its source alone; the server issues the upload URL when it creates the user.
                    : new RegistrationBody(email, null, Source: "push"));
                reason = null;
                return true;
            }

            if (!TryGetString(root, "user_email", out var relayEmail, out reason)) return false;
            if (!TryGetString(root, "user_pw", out var password, out reason)) return false;

            parsed = new ImportLine(line, cloudId, new RegistrationBody(relayEmail, password));
            return true;
        }
    }

    private static bool TryGetString(JsonElement root, string name, out string value, out string? reason)
    {
        value = "";
        if (!root.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            reason = $"{name} is missing";
            return false;
        }
        if (property.ValueKind != JsonValueKind.String)
        {
            reason = $"{name} must be a string";
            return false;
        }
        value = property.GetString()!;
        if (string.IsNullOrWhiteSpace(value))
        {
            reason = $"{name} is empty";
            return false;
        }
        reason = null;
        return true;
    }

    // System.Text.Json ends its messages with "LineNumber: 0 | BytePositionInLine: n."; the line is ours to name.
    private static string WithoutPosition(string message)
    {
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position < 0 ? message : message[..position];
    }

    private static string Shorten(string value) => value.Length <= MaxValueShown ? value : value[..MaxValueShown] + "…";
}

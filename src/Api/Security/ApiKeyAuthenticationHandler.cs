using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Rainforest.Api.Problems;

namespace Rainforest.Api.Security;

/// <summary>
/// Accepts a request whose <c>X-Api-Key</c> header matches one of the configured keys. Keys are compared as
/// SHA-256 digests in constant time, so neither the key length nor a matching prefix shows in the timing;
/// the key itself never reaches a log line (the principal carries only a short fingerprint).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string FingerprintClaim = "api_key_fingerprint";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = PresentedKey();
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var matched = false;
        foreach (var accepted in keys.CurrentValue.Keys)
        {
            // No early exit: every key is compared, whatever matched.
            matched |= CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(accepted)));
        }
        if (!matched)
        {
            return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
        }

        var identity = new ClaimsIdentity([new Claim(FingerprintClaim, Fingerprint(presented))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\", Basic realm=\"Rainforest\"";
        return ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, "API key required",
            $"Send a valid key in the {HeaderName} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "Forbidden", null);

    // The X-Api-Key header; or, for browsers (the dashboard), Basic auth with the key as the password.
    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
        }
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 || colon == decoded.Length - 1 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A short, non-reversible name for a key, for rate limiting and logs.</summary>
    public static string Fingerprint(byte[] digest) => Convert.ToHexStringLower(digest.AsSpan(0, 6));
}

using System.Diagnostics.CodeAnalysis;

namespace Rainforest.Domain.Users;

/// <summary>
/// A local gateway's address as a user registers it: <c>http</c> or <c>https</c>, a host, an optional port and
/// nothing else (no user info, no query or fragment, a path of at most "/"). Anything more could smuggle a request
/// to somewhere other than a gateway's <c>/cgi-bin/post_manager</c>. Which addresses are allowed is decided by
/// the silo at registration and at every connection.
/// </summary>
public static class GatewayUrl
{
    public const int MaxLength = 256;

    /// <summary>What a client is told when a value is not a gateway URL.</summary>
    public const string Rule = "gateway_url must be an http or https URL with a host and nothing else (no user info, path, query or fragment), e.g. http://192.168.1.20.";

    /// <summary>The gateway's root (<c>http://host[:port]/</c>), or false when <paramref name="text"/> is not shaped like one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Uri? root)
    {
        root = null;
        if (text is null || text.Length is 0 or > MaxLength || text.Any(c => c is <= ' ' or > '~')) return false;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return false;
        if (string.IsNullOrEmpty(uri.Host) || uri.UserInfo.Length > 0 || text.Contains('@', StringComparison.Ordinal)) return false;
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || text.Contains('?', StringComparison.Ordinal) || text.Contains('#', StringComparison.Ordinal)) return false;
        if (uri.AbsolutePath != "/" || text.Contains('\\', StringComparison.Ordinal)) return false;
        // Judged on the text as sent, since Uri quietly removes dot segments ("/%2e%2e/" becomes "/").
        var path = text.IndexOf('/', text.IndexOf("://", StringComparison.Ordinal) + 3);
        if (path >= 0 && path < text.Length - 1) return false;
        root = new UriBuilder(uri.Scheme, uri.Host, uri.Port, "/").Uri;
        return true;
    }

    /// <summary>The canonical spelling kept in the user's record (scheme and host lower-case, no trailing slash).</summary>
    public static string Canonical(Uri root) => root.GetLeftPart(UriPartial.Authority);
}

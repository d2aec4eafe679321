namespace Rainforest.Cli.Api;

/// <summary>Which server to talk to and how: resolved once per run from options and environment variables.</summary>
public sealed record ServerSettings(Uri Server, string ApiKey, TimeSpan Timeout)
{
    /// <summary>The server URL with a trailing slash, so relative routes keep any path prefix a gateway adds.</summary>
    public Uri BaseAddress => Server.AbsoluteUri.EndsWith('/') ? Server : new Uri(Server.AbsoluteUri + "/");
}

namespace Rainforest.Cli.Commands;

/// <summary>
/// The options every command takes, anywhere on the line: which server, which key, JSON or text, how long
/// to wait. The URL and key fall back to environment variables, so scripts need not put a key on a command
/// line where <c>ps</c> shows it.
/// </summary>
public sealed class GlobalOptions
{
    public const string ServerVariable = "RAINFOREST_SERVER";
    public const string ApiKeyVariable = "RAINFOREST_API_KEY";
    public const string DefaultServer = "http://127.0.0.1:5080";

    public Option<string?> Server { get; } = new("--server", "-s")
    {
        Description = $"The API's URL: a silo, or a gateway in front of a cluster [env: {ServerVariable}; default: {DefaultServer}]",
        HelpName = "url",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key", "-k")
    {
        Description = $"The API key [env: {ApiKeyVariable}]",
        HelpName = "key",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write JSON for scripts instead of text",
        Recursive = true,
    };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for each answer from the server",
        HelpName = "seconds",
        DefaultValueFactory = _ => 30,
        Recursive = true,
    };

    public GlobalOptions()
    {
        Timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3600) result.AddError("--timeout must be 1 to 3600 seconds.");
        });
    }

    public void AddTo(Command root)
    {
        root.Add(Server);
        root.Add(ApiKey);
        root.Add(Json);
        root.Add(Timeout);
    }

    /// <summary>The server to talk to; a usage error (exit 2) when the URL is malformed or no key is given.</summary>
    public ServerSettings Resolve(ParseResult parse, CliConsole console)
    {
        var server = FirstNonBlank(parse.GetValue(Server), console.Environment(ServerVariable)) ?? DefaultServer;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            throw new CommandException(ExitCodes.Usage,
                $"The server URL '{server}' is not an http:// or https:// URL (--server or {ServerVariable}).");
        }

        var key = FirstNonBlank(parse.GetValue(ApiKey), console.Environment(ApiKeyVariable))
            ?? throw new CommandException(ExitCodes.Usage,
                $"No API key: pass --api-key or set {ApiKeyVariable} (a silo started without keys prints the one it generated).");
        return new ServerSettings(url, key.Trim(), TimeSpan.FromSeconds(parse.GetValue(Timeout)));
    }

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}

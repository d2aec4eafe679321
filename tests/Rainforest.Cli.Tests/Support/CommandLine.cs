namespace Rainforest.Cli.Tests.Support;

/// <summary>Runs the command line in this process, as <c>rainforest</c> would run, with captured output and only the given environment.</summary>
public static class CommandLine
{
    public static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunWithInputAsync(environment, "", args);

    public static async Task<CliResult> RunWithInputAsync(IReadOnlyDictionary<string, string> environment, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var code = await CliApp.RunAsync(args, CliConsole.Captured(output, error, environment, reader));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static Dictionary<string, string> Environment(Uri server, string apiKey) => new()
    {
        ["RAINFOREST_SERVER"] = server.ToString(),
        ["RAINFOREST_API_KEY"] = apiKey,
    };

    /// <summary>A loopback URL nobody listens on.</summary>
    public static Uri ClosedServer() => new($"http://127.0.0.1:{FreePort.Next()}");
}

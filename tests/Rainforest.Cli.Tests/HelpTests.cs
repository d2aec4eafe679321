namespace Rainforest.Cli.Tests;

/// <summary>Every command explains itself with <c>--help</c>, without a server or a key.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData]
    [InlineData("users")]
    [InlineData("users", "import")]
    [InlineData("users", "export")]
    [InlineData("users", "list")]
    [InlineData("users", "show")]
    [InlineData("users", "delete")]
    [InlineData("readings")]
    [InlineData("status")]
    [InlineData("migrate")]
    public async Task Every_command_has_help(params string[] command)
    {
        var run = await CommandLine.RunAsync(CommandLine.NoEnvironment, [.. command, "--help"]);

        run.AssertExit(ExitCodes.Ok);
        Assert.Contains($"rainforest {string.Join(' ', command)}".TrimEnd(), run.Out);
        Assert.Contains("Usage:", run.Out);
        Assert.Contains("--server", run.Out);
        Assert.Contains("--json", run.Out);
    }

    [Fact]
    public async Task The_top_level_help_lists_the_exit_codes()
    {
        var run = await CommandLine.RunAsync(CommandLine.NoEnvironment, "--help");

        Assert.Contains("3 server unreachable, 4 API key rejected, 5 user not found, 6 server error", run.Out);
    }
}

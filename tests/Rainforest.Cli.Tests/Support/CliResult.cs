namespace Rainforest.Cli.Tests.Support;

/// <summary>One run of the command line: exit code and both streams, printed whole when an assertion fails.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement.Clone();

    public void AssertExit(int expected) => Assert.True(ExitCode == expected, $"expected exit {expected}; {this}");

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

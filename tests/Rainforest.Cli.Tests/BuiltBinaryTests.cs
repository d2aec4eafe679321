namespace Rainforest.Cli.Tests;

/// <summary>The built <c>rainforest</c> executable as a process: exit codes reach the shell.</summary>
[Collection(CliSystemCollection.Name)]
public sealed class BuiltBinaryTests(CliSystem system)
{
    [Fact]
    public async Task The_built_binary_exits_with_the_documented_code_for_each_outcome()
    {
        var good = system.Environment;
        var wrongKey = CommandLine.Environment(system.Silo.BaseAddress, "not-the-key");
        var closed = CommandLine.Environment(CommandLine.ClosedServer(), "any-key");

        var help = await BuiltBinary.RunAsync(CommandLine.NoEnvironment, "--help");
        help.AssertExit(ExitCodes.Ok);
        Assert.Contains("rainforest [command] [options]", help.Out);

        var list = await BuiltBinary.RunAsync(good, "users", "list", "--json");
        list.AssertExit(ExitCodes.Ok);
        Assert.Equal(JsonValueKind.Array, list.Json.GetProperty("users").ValueKind);

        (await BuiltBinary.RunAsync(good, "users", "show", "not-hex")).AssertExit(ExitCodes.Usage);
        (await BuiltBinary.RunAsync(CommandLine.NoEnvironment, "users", "list")).AssertExit(ExitCodes.Usage);
        var unreachable = await BuiltBinary.RunAsync(closed, "status");
        unreachable.AssertExit(ExitCodes.Unreachable);
        Assert.StartsWith("error: Cannot reach the server", unreachable.Error);
        (await BuiltBinary.RunAsync(wrongKey, "users", "list")).AssertExit(ExitCodes.KeyRejected);
        (await BuiltBinary.RunAsync(good, "users", "show", "fffff1")).AssertExit(ExitCodes.NotFound);
    }
}

using Rainforest.Simulator.Accounts;
namespace Rainforest.Cli.Tests;

/// <summary><c>users show|list|delete</c> and <c>status</c> against a running silo, as text and as JSON.</summary>
[Collection(CliSystemCollection.Name)]
public sealed class UserCommandTests(CliSystem system)
{
    [Fact]
    public async Task Show_list_and_delete_users_registered_from_standard_input()
    {
        var input = string.Join('\n', new[] { "d00001", "d00002" }.Select(id => JsonSerializer.Serialize(new
        {
            cloud_id = id,
            user_email = SimulatedAccount.DefaultUser(id),
            user_pw = SimulatedAccount.DefaultPassword(id),
        })));
        // Options, not the environment, name the server here.
        var import = await CommandLine.RunWithInputAsync(CommandLine.NoEnvironment, input,
            "users", "import", "-", "--server", system.Silo.BaseAddress.ToString(), "--api-key", SiloProcess.ApiKey);
        import.AssertExit(ExitCodes.Ok);
        Assert.Matches(@"created\s+2\b", import.Out);

        // Polled: the counter shows through `users show --json`.
        var shown = await Eventually.Until(async () => (await system.RunAsync("users", "show", "D00001", "--json")).Json,
            user => user.GetProperty("total_events_logged").GetInt64() >= 1, TimeSpan.FromSeconds(30), "d00001 polled");
        Assert.Equal("d00001", shown.GetProperty("cloud_id").GetString());
        Assert.Equal(SimulatedAccount.DefaultUser("d00001"), shown.GetProperty("user_email").GetString());
        Assert.Equal("polling", shown.GetProperty("status").GetProperty("state").GetString());
        Assert.DoesNotContain(SimulatedAccount.DefaultPassword("d00001"), shown.GetRawText());

        var text = await system.RunAsync("users", "show", "d00001");
        text.AssertExit(ExitCodes.Ok);
        Assert.Contains(SimulatedAccount.DefaultUser("d00001"), text.Out);
        Assert.Matches(@"State\s+polling", text.Out);
        Assert.Matches(@"Last success\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", text.Out);

        var table = await system.RunAsync("users", "list");
        table.AssertExit(ExitCodes.Ok);
        var lines = table.Out.Split('\n');
        Assert.Matches(@"^CLOUD ID\s+STATE\s+EVENTS LOGGED\s+LAST SUCCESS\s+LAST ERROR$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^d00001\s+polling\s+\d+\s+"));
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));

        var list = (await system.RunAsync("users", "list", "--json")).Json;
        Assert.Equal(list.GetProperty("count").GetInt32(), list.GetProperty("users").GetArrayLength());
        Assert.Contains(list.GetProperty("users").EnumerateArray(), u => u.GetProperty("cloud_id").GetString() == "d00002");

        var deleted = await system.RunAsync("users", "delete", "d00002");
        deleted.AssertExit(ExitCodes.Ok);
        Assert.Contains("Deleted d00002", deleted.Out);
        (await system.RunAsync("users", "show", "d00002")).AssertExit(ExitCodes.NotFound);
        (await system.RunAsync("users", "delete", "d00002", "--json")).AssertExit(ExitCodes.NotFound);
        Assert.DoesNotContain("d00002", await system.RegisteredIdsAsync());
    }

    [Fact]
    public async Task Status_reports_readiness_users_by_state_and_the_archive_or_unknown()
    {
        var json = await system.RunAsync("status", "--json");

        json.AssertExit(ExitCodes.Ok);
        var status = json.Json;
        Assert.True(status.GetProperty("ready").GetBoolean());
        var users = status.GetProperty("users");
        Assert.Equal((await system.RegisteredIdsAsync()).Count, users.GetProperty("total").GetInt32());
        Assert.Equal(users.GetProperty("total").GetInt32(),
            users.GetProperty("polling").GetInt32() + users.GetProperty("failing").GetInt32()
            + users.GetProperty("credentials_rejected").GetInt32() + users.GetProperty("paused").GetInt32());

        var text = await system.RunAsync("status");
        text.AssertExit(ExitCodes.Ok);
        Assert.Matches(@"Ready\s+yes", text.Out);
        Assert.Matches(@"Users\s+\d+: \d+ polling, \d+ failing", text.Out);
        if (status.GetProperty("archive").ValueKind == JsonValueKind.Null)
        {
            // The server has no GET /api/archive: said plainly, not an error.
            Assert.Matches(@"Silos\s+unknown", text.Out);
            Assert.Matches(@"Archive backlog\s+unknown", text.Out);
        }
        else
        {
            Assert.Matches(@"Archive backlog\s+\d+ hour files", text.Out);
        }
    }

    [Fact]
    public async Task Options_take_precedence_over_environment_variables()
    {
        var environment = CommandLine.Environment(CommandLine.ClosedServer(), "not-the-key");

        var run = await CommandLine.RunAsync(environment, "users", "list", "--json",
            "--server", system.Silo.BaseAddress.ToString(), "--api-key", SiloProcess.ApiKey);

        run.AssertExit(ExitCodes.Ok);
    }
}

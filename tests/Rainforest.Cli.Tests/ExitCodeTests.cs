using Rainforest.Simulator.Accounts;
namespace Rainforest.Cli.Tests;

/// <summary>Every failure kind ends with its documented exit code and a message on standard error.</summary>
[Collection(CliSystemCollection.Name)]
public sealed class ExitCodeTests(CliSystem system)
{
    public static TheoryData<string[]> BadArguments => new()
    {
        Array.Empty<string>(),
        new[] { "users" },
        new[] { "bogus" },
        new[] { "users", "show" },
        new[] { "users", "show", "12345" },
        new[] { "users", "show", "00250g" },
        new[] { "users", "delete", "../x" },
        new[] { "users", "import" },
        new[] { "users", "import", "/no/such/file.jl" },
        new[] { "users", "import", "-", "--parallel", "0" },
        new[] { "users", "list", "--status", "sleeping" },
        new[] { "users", "list", "--timeout", "0" },
        new[] { "users", "list", "--server", "ftp://example.com" },
        new[] { "users", "list", "--server", "not a url" },
        new[] { "status", "extra" },
        new[] { "readings", "002506" },
        new[] { "readings", "002506", "--from", "1773162000", "--format", "xml" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_exit_2(string[] args)
    {
        var run = await system.RunAsync(args);

        run.AssertExit(ExitCodes.Usage);
        Assert.NotEmpty(run.Error.Trim());
    }

    [Fact]
    public async Task A_missing_api_key_exits_2_and_says_where_to_put_it()
    {
        var run = await CommandLine.RunAsync(new Dictionary<string, string> { ["RAINFOREST_SERVER"] = system.Silo.BaseAddress.ToString() },
            "users", "list");

        run.AssertExit(ExitCodes.Usage);
        Assert.Contains("--api-key", run.Error);
        Assert.Contains("RAINFOREST_API_KEY", run.Error);
    }

    [Theory]
    [InlineData("users", "list")]
    [InlineData("users", "show", "00abcd")]
    [InlineData("users", "delete", "00abcd")]
    [InlineData("users", "export")]
    [InlineData("status")]
    [InlineData("readings", "00abcd", "--from", "1773162000")]
    public async Task An_unreachable_server_exits_3(params string[] args)
    {
        var server = CommandLine.ClosedServer();

        var run = await CommandLine.RunAsync(CommandLine.Environment(server, "any-key"), args);

        run.AssertExit(ExitCodes.Unreachable);
        Assert.Contains($"Cannot reach the server at {server}", run.Error);
    }

    [Fact]
    public async Task An_import_to_an_unreachable_server_stops_and_counts_what_was_not_sent()
    {
        var file = Path.Combine(system.NewDirectory(), "users.jl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 50).Select(i => UserLine($"e1{i:x4}")));

        var run = await CommandLine.RunAsync(CommandLine.Environment(CommandLine.ClosedServer(), "any-key"), "users", "import", file);

        run.AssertExit(ExitCodes.Unreachable);
        Assert.Matches(@"not sent\s+50\b", run.Out);
        Assert.Contains("Cannot reach the server", run.Error);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_exits_3()
    {
        await using var stub = new StubServer((_, _) => new StubAnswer(200, "{}", Delay: TimeSpan.FromSeconds(10)));

        var run = await CommandLine.RunAsync(CommandLine.Environment(stub.Url, "any-key"), "users", "list", "--timeout", "1");

        run.AssertExit(ExitCodes.Unreachable);
        Assert.Contains("did not answer within 1 s", run.Error);
    }

    [Theory]
    [InlineData("users", "list")]
    [InlineData("users", "show", "00abcd")]
    [InlineData("users", "delete", "00abcd")]
    [InlineData("users", "export")]
    [InlineData("status")]
    [InlineData("readings", "00abcd", "--from", "1773162000")]
    public async Task A_rejected_api_key_exits_4(params string[] args)
    {
        var run = await CommandLine.RunAsync(CommandLine.Environment(system.Silo.BaseAddress, "not-the-key"), args);

        run.AssertExit(ExitCodes.KeyRejected);
        Assert.Contains("rejected the API key", run.Error);
    }

    [Fact]
    public async Task An_import_with_a_rejected_key_stops_at_once_and_registers_nothing()
    {
        var file = Path.Combine(system.NewDirectory(), "users.jl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 50).Select(i => UserLine($"e2{i:x4}")));

        var run = await CommandLine.RunAsync(CommandLine.Environment(system.Silo.BaseAddress, "not-the-key"), "users", "import", file, "--json");

        run.AssertExit(ExitCodes.KeyRejected);
        Assert.Equal(50, run.Json.GetProperty("not_sent").GetInt32());
        Assert.Contains("rejected the API key", run.Error);
        Assert.DoesNotContain(await system.RegisteredIdsAsync(), id => id.StartsWith("e2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("show")]
    [InlineData("delete")]
    public async Task An_unknown_user_exits_5(string command)
    {
        var run = await system.RunAsync("users", command, "FFFFF0");

        run.AssertExit(ExitCodes.NotFound);
        Assert.Contains("No user with Cloud ID fffff0", run.Error);
    }

    [Fact]
    public async Task A_failing_server_exits_6_with_its_problem_detail()
    {
        await using var stub = new StubServer((_, _) =>
            StubAnswer.Problem(500, "An error occurred while processing your request.", "the cluster is unavailable"));
        var environment = CommandLine.Environment(stub.Url, "any-key");

        var list = await CommandLine.RunAsync(environment, "users", "list");
        list.AssertExit(ExitCodes.ServerError);
        Assert.Contains("the cluster is unavailable", list.Error);

        (await CommandLine.RunAsync(environment, "users", "show", "00abcd")).AssertExit(ExitCodes.ServerError);

        // An import goes through every line (the server may recover), reports each failure, and exits 6.
        var file = Path.Combine(system.NewDirectory(), "users.jl");
        await File.WriteAllLinesAsync(file, [UserLine("e30001"), "not json", UserLine("e30002")]);
        var import = await CommandLine.RunAsync(environment, "users", "import", file);
        import.AssertExit(ExitCodes.ServerError);
        Assert.Matches(@"failed\s+2\b", import.Out);
        Assert.Matches(@"rejected\s+1\b", import.Out);
        Assert.Contains("line 3 (e30002): server said 500", import.Out);
    }

    [Fact]
    public async Task Readings_from_an_archive_that_cannot_be_read_exit_6_and_leave_no_file()
    {
        await using var stub = new StubServer((_, _) =>
            StubAnswer.Problem(503, "The archive cannot be read right now", "Some of the range is archived; try again later."));
        var file = Path.Combine(system.NewDirectory(), "readings.jl");

        var run = await CommandLine.RunAsync(CommandLine.Environment(stub.Url, "any-key"),
            "readings", "00abcd", "--from", "1773162000", "-o", file);

        run.AssertExit(ExitCodes.ServerError);
        Assert.Contains("The archive cannot be read right now", run.Error);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Something_that_is_not_the_api_exits_6()
    {
        await using var stub = new StubServer((_, _) => new StubAnswer(200, "<html>welcome</html>", "text/html"));

        var run = await CommandLine.RunAsync(CommandLine.Environment(stub.Url, "any-key"), "users", "list");

        run.AssertExit(ExitCodes.ServerError);
        Assert.Contains("not what this tool understands", run.Error);
    }

    [Fact]
    public async Task An_import_waits_out_the_rate_limit_instead_of_rejecting_lines()
    {
        var ids = Enumerable.Range(1, 5).Select(i => $"e4{i:x4}").ToList();
        await using var stub = new StubServer((n, _) => n <= 3
            ? new StubAnswer(429, "{}", Headers: new Dictionary<string, string> { ["Retry-After"] = "1" })
            : new StubAnswer(200, JsonSerializer.Serialize(ids.Select(id => new { cloud_id = id, result = "created" })), "application/json"));
        var file = Path.Combine(system.NewDirectory(), "users.jl");
        await File.WriteAllLinesAsync(file, ids.Select(UserLine));

        var run = await CommandLine.RunAsync(CommandLine.Environment(stub.Url, "any-key"), "users", "import", file);

        run.AssertExit(ExitCodes.Ok);
        Assert.Matches(@"created\s+5\b", run.Out);
        Assert.Equal(4, stub.Requests); // three refusals, then the one bulk request
    }

    [Fact]
    public async Task An_import_sends_users_one_by_one_to_a_server_without_the_bulk_route()
    {
        var bulkRequests = 0;
        await using var stub = new StubServer((_, request) =>
        {
            if (request.Url!.AbsolutePath == "/api/users")
            {
                Interlocked.Increment(ref bulkRequests);
                return StubAnswer.Problem(405, "Method Not Allowed", "POST is not allowed here.");
            }
            return new StubAnswer(201, "{}", "application/json");
        });
        var file = Path.Combine(system.NewDirectory(), "users.jl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 5).Select(i => UserLine($"e5{i:x4}")));

        var run = await CommandLine.RunAsync(CommandLine.Environment(stub.Url, "any-key"), "users", "import", file);

        run.AssertExit(ExitCodes.Ok);
        Assert.Matches(@"created\s+5\b", run.Out);
        Assert.Equal(1, bulkRequests);
        Assert.Equal(6, stub.Requests);
    }

    private static string UserLine(string id) => JsonSerializer.Serialize(new
    {
        cloud_id = id,
        user_email = SimulatedAccount.DefaultUser(id),
        user_pw = SimulatedAccount.DefaultPassword(id),
    });
}

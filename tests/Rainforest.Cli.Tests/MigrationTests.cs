using Rainforest.Simulator.Accounts;
using StackExchange.Redis;

namespace Rainforest.Cli.Tests;

/// <summary>
/// <c>migrate --from-redis</c> against a real redis-server filled in the 2015 system's format (good records and
/// malformed ones mixed) and the running silo: users and counters arrive, every bad record is listed, a re-run
/// changes nothing, a dry run registers nothing.
/// </summary>
[Collection(CliSystemCollection.Name)]
public sealed class MigrationTests(CliSystem system) : IAsyncLifetime
{
    private const int MigratedDb = 2;
    private const int DryRunDb = 3;

    // The relay refuses this password, so these users are never polled and their counters stay exactly as migrated.
    private const string OldPassword = "old-2015-pw";

    private static readonly (string Key, long Total, double First, double Last)[] Frozen =
    [
        ("00e001", 1234, 1443274732.39435, 1443374732.5),
        ("00E002", 7, 1443000000, 1443000042.25),
        ("00e003", 0, 0, 0),
    ];

    // Default credentials: polled right after the migration, so their counters only grow from here.
    private static readonly string[] Polled = ["00e011", "00e012"];

    private const string LiveUser = "00e021";

    private static readonly Dictionary<string, string> Malformed = new()
    {
        ["2506"] = "bad Cloud ID",
        ["rainforest:settings"] = "bad Cloud ID",
        ["00e031"] = "unparseable value",
        ["00e032"] = "missing password",
        ["00e033"] = "unparseable value",
        ["00e034"] = "later than last_timestamp",
        ["00e035"] = "server said 400",
        ["00e036"] = "does not match the key",
    };

    private readonly RedisServer _redis = new();
    private readonly List<ConnectionMultiplexer> _connections = [];

    public Task InitializeAsync() => _redis.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Migrating_a_2015_store_registers_its_users_with_their_counters_lists_every_skipped_record_and_changes_nothing_when_run_again()
    {
        await FillAsync();
        // A user already live here, which has logged: the migration must not rewind its counters.
        using var api = system.Silo.CreateClient();
        Assert.True((await api.PostAsync($"/api/users/{LiveUser}", Body(SimulatedAccount.DefaultUser(LiveUser), SimulatedAccount.DefaultPassword(LiveUser)))).IsSuccessStatusCode);
        Assert.True((await api.GetAsync($"/api/event/{LiveUser}")).IsSuccessStatusCode);
        var liveBefore = await UserAsync(LiveUser);

        var run = await system.RunAsync("migrate", "--from-redis", Source(MigratedDb));

        run.AssertExit(ExitCodes.LinesRejected);
        var migrated = Frozen.Length + Polled.Length;
        Assert.Matches(@$"created\s+{migrated}\b", run.Out);
        Assert.Matches(@"unchanged\s+1\b", run.Out);
        Assert.Matches(@$"skipped\s+{Malformed.Count}\b", run.Out);
        var listed = run.Out.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("key ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Malformed.Count, listed.Count);
        foreach (var (key, reason) in Malformed)
        {
            Assert.Contains(listed, l => l.StartsWith($"key \"{key}\"", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal));
        }
        Assert.Contains("1 user is marked active: false", run.Out);

        foreach (var (key, total, first, last) in Frozen)
        {
            var user = await UserAsync(key.ToLowerInvariant());
            Assert.Equal(total, user.GetProperty("total_events_logged").GetInt64());
            Assert.Equal(total == 0 ? null : first, Timestamp(user, "first_timestamp"));
            Assert.Equal(total == 0 ? null : last, Timestamp(user, "last_timestamp"));
        }
        foreach (var id in Polled)
        {
            var user = await UserAsync(id);
            Assert.True(user.GetProperty("total_events_logged").GetInt64() >= 500);
            Assert.Equal(1443274000.5, Timestamp(user, "first_timestamp"));
        }
        var registered = await system.RegisteredIdsAsync();
        Assert.DoesNotContain(registered, id => Malformed.Keys.Contains(id));
        var live = await UserAsync(LiveUser);
        Assert.Equal(liveBefore.GetProperty("first_timestamp").GetDouble(), live.GetProperty("first_timestamp").GetDouble());
        Assert.True(live.GetProperty("total_events_logged").GetInt64() < 999, "a live user's counters are not replaced");

        // The polled users log here once the relay answers; the same migration again still changes nothing.
        await Eventually.Until(async () => (await UserAsync(Polled[0])).GetProperty("total_events_logged").GetInt64() > 500,
            TimeSpan.FromSeconds(60), "a migrated user polled and counting on");
        var again = await system.RunAsync("migrate", "--from-redis", Source(MigratedDb), "--json");

        again.AssertExit(ExitCodes.LinesRejected);
        var summary = again.Json;
        Assert.Equal(0, summary.GetProperty("created").GetInt32());
        Assert.Equal(0, summary.GetProperty("updated").GetInt32());
        Assert.Equal(migrated + 1, summary.GetProperty("unchanged").GetInt32());
        Assert.Equal(Malformed.Count, summary.GetProperty("skipped").GetInt32());
        foreach (var (key, total, first, _) in Frozen.Where(f => f.Total > 0))
        {
            Assert.Equal(total, (await UserAsync(key.ToLowerInvariant())).GetProperty("total_events_logged").GetInt64());
        }
    }

    [Fact]
    public async Task A_dry_run_shows_what_would_happen_and_registers_nothing()
    {
        var database = await ConnectAsync(DryRunDb);
        await database.StringSetAsync("00e041", Record("00e041", OldPassword, 12, 1443274732.5, 1443274800.5));
        await database.StringSetAsync("00e042", Record("00e042", OldPassword, 3, 1443274732.5, 1443274800.5));
        await database.StringSetAsync("00e043", "{not json");

        var run = await system.RunAsync("migrate", "--from-redis", Source(DryRunDb), "--dry-run");

        run.AssertExit(ExitCodes.LinesRejected);
        Assert.Contains("nothing was changed", run.Out);
        Assert.Matches(@"would create\s+2\b", run.Out);
        Assert.Contains("key \"00e043\": unparseable value", run.Out);
        var registered = await system.RegisteredIdsAsync();
        Assert.DoesNotContain("00e041", registered);
        Assert.DoesNotContain("00e042", registered);
    }

    [Fact]
    public async Task An_unreachable_old_redis_is_exit_3_and_a_malformed_url_exit_2()
    {
        var unreachable = await system.RunAsync("migrate", "--from-redis", $"redis://127.0.0.1:{FreePort.Next()}", "--timeout", "2");
        unreachable.AssertExit(ExitCodes.Unreachable);
        Assert.Contains("Cannot read the old Redis", unreachable.Error);

        var malformed = await system.RunAsync("migrate", "--from-redis", "http://127.0.0.1:6379");
        malformed.AssertExit(ExitCodes.Usage);
        Assert.Contains("is not a Redis URL", malformed.Error);
    }

    private async Task FillAsync()
    {
        var database = await ConnectAsync(MigratedDb);
        foreach (var (key, total, first, last) in Frozen)
        {
            await database.StringSetAsync(key, total == 0
                ? $$"""{"cloud_id": "{{key}}", "user_email": "old-{{key}}@example.com", "user_pw": "{{OldPassword}}", "total_events_logged": 0, "first_timestamp": null, "last_timestamp": null, "active": false}"""
                : Record(key, OldPassword, total, first, last));
        }
        foreach (var id in Polled)
        {
            await database.StringSetAsync(id, Record(id, SimulatedAccount.DefaultPassword(id), 500, 1443274000.5, 1443374000.75,
                SimulatedAccount.DefaultUser(id)));
        }
        await database.StringSetAsync(LiveUser, Record(LiveUser, SimulatedAccount.DefaultPassword(LiveUser), 999, 1443274000.5, 1443374000.75,
            SimulatedAccount.DefaultUser(LiveUser)));

        await database.StringSetAsync("2506", Record("2506", OldPassword, 1, 1443274000, 1443274000));
        await database.StringSetAsync("rainforest:settings", "{\"interval\": 6}");
        await database.StringSetAsync("00e031", "{'cloud_id': '00e031', 'user_pw': 'python repr'}");
        await database.StringSetAsync("00e032", """{"cloud_id": "00e032", "user_email": "a@example.com", "total_events_logged": 0}""");
        await database.HashSetAsync("00e033", "user_pw", "a hash, not JSON text");
        await database.StringSetAsync("00e034", Record("00e034", OldPassword, 5, 1443374000, 1443274000));
        await database.StringSetAsync("00e035", Record("00e035", "tab\there", 0, 0, 0));
        await database.StringSetAsync("00e036", Record("00e037", OldPassword, 0, 0, 0));
    }

    private static string Record(string id, string password, long total, double first, double last, string? email = null) =>
        JsonSerializer.Serialize(new
        {
            cloud_id = id,
            user_email = email ?? $"old-{id}@example.com",
            user_pw = password,
            total_events_logged = total,
            first_timestamp = total == 0 ? (double?)null : first,
            last_timestamp = total == 0 ? (double?)null : last,
            active = true,
        });

    private static StringContent Body(string email, string password) =>
        new(JsonSerializer.Serialize(new { user_email = email, user_pw = password }), System.Text.Encoding.UTF8, "application/json");

    private async Task<IDatabase> ConnectAsync(int database)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        _connections.Add(connection);
        return connection.GetDatabase(database);
    }

    private string Source(int database) => $"redis://127.0.0.1:{_redis.Port}/{database}";

    private async Task<JsonElement> UserAsync(string id)
    {
        using var api = system.Silo.CreateClient();
        return JsonDocument.Parse(await api.GetStringAsync($"/api/users/{id}")).RootElement.Clone();
    }

    private static double? Timestamp(JsonElement user, string name) =>
        user.GetProperty(name).ValueKind == JsonValueKind.Null ? null : user.GetProperty(name).GetDouble();
}

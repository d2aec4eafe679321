using Rainforest.Security.Tests.Fixtures;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;

namespace Rainforest.Security.Tests.Secrets;

/// <summary>
/// Gateway passwords are encrypted at rest and absent from everything the system emits: every HTTP reply,
/// the log, the files it writes, Redis (values and append-only file), the exported traces, the metrics and the
/// dashboard's data (grain state viewer and log stream included). API keys likewise never leave the caller.
/// </summary>
public sealed class SecretLeakTests
{
    private const string Id = "0a5ec1";
    private const string Deleted = "0a5ec2";
    private static readonly string Email = SimulatedAccount.DefaultUser(Id);

    [Fact]
    public async Task A_known_password_appears_nowhere_the_system_writes()
    {
        var passwords = new[] { Distinctive("first"), Distinctive("second"), Distinctive("deleted") };
        using var root = new TestRoot("secrets");
        await using var redis = new RedisServer();
        await redis.InitializeAsync();
        await using var otlp = await OtlpReceiver.StartAsync();
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true });
        await using var silo = SecuritySilo.Create(root.Path, "silo", new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Rainforest:Eagle:CloudUrl"] = simulator.RelayUrl.ToString(),
            ["Rainforest:Telemetry:TraceSampleRatio"] = "1",
            // Everything at Debug: the search must see what an operator chasing a problem would see.
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Orleans"] = "Debug",
            ["Logging:LogLevel:Microsoft"] = "Debug",
            ["Logging:LogLevel:Polly"] = "Information",
        }, environment: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        });
        await silo.StartAsync();
        var emitted = new Emissions();
        using var api = silo.CreateClient();

        // Registered, polled on schedule, then failing in every way a gateway can while it keeps that password.
        simulator.Accounts.Add(Id, Email, passwords[0]);
        await RecordAsync(emitted, api, HttpMethod.Post, $"/api/users/{Id}", Json.User(Email, passwords[0]), HttpStatusCode.Created);
        await RecordAsync(emitted, api, HttpMethod.Post, $"/api/users/{Id}", Json.User(Email, passwords[0]), HttpStatusCode.OK);
        await Eventually.Until(() => Json.GetAsync(api, $"/api/users/{Id}"), u => u.GetProperty("total_events_logged").GetInt64() >= 1,
            TimeSpan.FromSeconds(30), "a scheduled reading");
        foreach (var fault in new[] { SimulatedFault.Garbage, SimulatedFault.Truncated, SimulatedFault.MissingFields, SimulatedFault.Backwards,
                     SimulatedFault.Unavailable, SimulatedFault.WrongCredentials })
        {
            simulator.Accounts.SetFault(Id, fault);
            await RecordAsync(emitted, api, HttpMethod.Get, $"/api/event/{Id}", null, null);
        }
        var polledBefore = simulator.RequestsFor(Id).Count;
        await Eventually.Until(() => simulator.RequestsFor(Id).Count > polledBefore, TimeSpan.FromSeconds(30), "a scheduled failing poll");

        // The user changes the password; another user comes and goes.
        simulator.Accounts.Add(Id, Email, passwords[1]);
        await RecordAsync(emitted, api, HttpMethod.Post, $"/api/users/{Id}", Json.User(Email, passwords[1]), HttpStatusCode.OK);
        await RecordAsync(emitted, api, HttpMethod.Get, $"/api/event/{Id}", null, HttpStatusCode.OK);
        simulator.Accounts.Add(Deleted, SimulatedAccount.DefaultUser(Deleted), passwords[2]);
        await RecordAsync(emitted, api, HttpMethod.Post, $"/api/users/{Deleted}", Json.User(SimulatedAccount.DefaultUser(Deleted), passwords[2]), HttpStatusCode.Created);
        await RecordAsync(emitted, api, HttpMethod.Get, $"/api/event/{Deleted}", null, HttpStatusCode.OK);

        foreach (var path in new[] { $"/api/users/{Id}", "/api/users", "/api/users?status=failing", "/api/users?status=polling", "/openapi/v1.json", "/health/ready" })
        {
            await RecordAsync(emitted, api, HttpMethod.Get, path, null, HttpStatusCode.OK);
        }
        await RecordDashboardAsync(emitted, silo, simulator);
        await RecordAsync(emitted, api, HttpMethod.Delete, $"/api/users/{Deleted}", null, HttpStatusCode.NoContent);
        await RecordAsync(emitted, api, HttpMethod.Get, "/metrics", null, HttpStatusCode.OK);

        // Redis while the user is registered (its state is there), then the silo's own output once it has stopped.
        await RedisContents.AddToAsync(emitted, redis);
        await silo.StopAsync();
        emitted.Add("silo stdout and stderr", silo.Transcript());
        emitted.AddDirectory("data directory", silo.DataDirectory);
        foreach (var (export, i) in otlp.Exports.Select((e, i) => (e, i))) emitted.Add($"trace export {i}", export);

        // The search looked where it should: the user's state, the failures, the spans are all there.
        Assert.True(emitted.Contains(Email), "the user's state was not among what was searched");
        Assert.True(emitted.Contains("ProtectedPassword") || emitted.Contains("protectedPassword"), "no encrypted password at rest found");
        Assert.Contains($"User {Id}: poll failed", silo.Transcript(), StringComparison.Ordinal);
        Assert.NotEmpty(otlp.Exports);
        Assert.True(emitted.Contains("post_manager"), "no span of a relay request was exported");

        foreach (var secret in passwords.Append(SiloProcess.ApiKey))
        {
            var sightings = emitted.Find(secret);
            Assert.True(sightings.Count == 0,
                $"'{secret}' found in {sightings.Count} of {emitted.Count} places:\n" + string.Join("\n", sightings.Take(5).Select(s => $"{s.Place}: …{s.Context}…")));
        }
    }

    [Fact]
    public async Task A_known_install_code_appears_nowhere_the_system_writes()
    {
        const string local = "0a5ec3";
        var code = Guid.NewGuid().ToString("n")[..16];
        var wrong = Guid.NewGuid().ToString("n")[..16];
        using var root = new TestRoot("install-codes");
        await using var redis = new RedisServer();
        await redis.InitializeAsync();
        await using var otlp = await OtlpReceiver.StartAsync();
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true });
        await using var silo = SecuritySilo.Create(root.Path, "silo", new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Rainforest:Sources:Local:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Rainforest:Telemetry:TraceSampleRatio"] = "1",
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Orleans"] = "Debug",
            ["Logging:LogLevel:Microsoft"] = "Debug",
            ["Logging:LogLevel:Polly"] = "Information",
        }, environment: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        });
        await silo.StartAsync();
        var emitted = new Emissions();
        using var api = silo.CreateClient();
        simulator.Accounts.Add(local);
        simulator.Accounts.SetInstallCode(local, code);
        HttpContent Body(string installCode) => Json.Body(new { source = "local", gateway_url = simulator.BaseUrl.ToString(), install_code = installCode });

        // A wrong code first (rejected by the gateway), then the right one, polled and failing in the local API's ways.
        await RecordAsync(emitted, api, HttpMethod.Post, $"/api/users/{local}", Body(wrong), HttpStatusCode.Created);
        await RecordAsync(emitted, api, HttpMethod.Get, $"/api/event/{local}", null, HttpStatusCode.BadGateway);
        await RecordAsync(emitted, api, HttpMethod.Post, $"/api/users/{local}", Body(code), HttpStatusCode.OK);
        await RecordAsync(emitted, api, HttpMethod.Post, $"/api/users/{local}", Body(code), HttpStatusCode.OK);
        await RecordAsync(emitted, api, HttpMethod.Get, $"/api/event/{local}", null, HttpStatusCode.OK);
        foreach (var fault in new[] { SimulatedFault.NotDelivering, SimulatedFault.WrappedNegative, SimulatedFault.Garbage, SimulatedFault.Unavailable })
        {
            simulator.Accounts.SetFault(local, fault);
            await RecordAsync(emitted, api, HttpMethod.Get, $"/api/event/{local}", null, null);
        }
        simulator.Accounts.SetFault(local, SimulatedFault.None);
        foreach (var path in new[] { $"/api/users/{local}", "/api/users", "/openapi/v1.json",
                     $"/dashboard/GrainState?grainId={local}&grainType=Rainforest.Grains.Users.UserGrain", "/metrics" })
        {
            await RecordAsync(emitted, api, HttpMethod.Get, path, null, HttpStatusCode.OK);
        }

        await RedisContents.AddToAsync(emitted, redis);
        await silo.StopAsync();
        emitted.Add("silo stdout and stderr", silo.Transcript());
        emitted.AddDirectory("data directory", silo.DataDirectory);
        foreach (var (export, i) in otlp.Exports.Select((e, i) => (e, i))) emitted.Add($"trace export {i}", export);

        Assert.True(emitted.Contains("ProtectedInstallCode") || emitted.Contains("protectedInstallCode"), "no encrypted install code at rest found");
        Assert.True(emitted.Contains("post_manager"), "no span of a gateway request was exported");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{local}:{code}"));
        foreach (var secret in new[] { code, code.ToUpperInvariant(), wrong, basic })
        {
            var sightings = emitted.Find(secret);
            Assert.True(sightings.Count == 0,
                $"'{secret}' found in {sightings.Count} of {emitted.Count} places:\n" + string.Join("\n", sightings.Take(5).Select(s => $"{s.Place}: …{s.Context}…")));
        }
    }

    // The dashboard's data routes, as its pages call them: grain state, statistics, reminders, silos, and the log stream.
    private static async Task RecordDashboardAsync(Emissions emitted, SiloProcess silo, GatewaySimulator simulator)
    {
        using var dashboard = silo.CreateClient();
        var routes = new List<string>
        {
            $"/dashboard/GrainState?grainId={Id}&grainType=Rainforest.Grains.Users.UserGrain",
            $"/dashboard/GrainState?grainId={Deleted}&grainType=Rainforest.Grains.Users.UserGrain",
            $"/dashboard/GrainState?grainId={Id[..2]}&grainType=Rainforest.Grains.Registry.UserDirectoryGrain",
            "/dashboard/DashboardCounters", "/dashboard/ClusterStats", "/dashboard/GrainTypes", "/dashboard/TopGrainMethods",
            "/dashboard/GrainStats/Rainforest.Grains.Users.UserGrain", "/dashboard/Reminders", "/dashboard/version", "/dashboard/",
        };
        var counters = await Json.GetAsync(dashboard, "/dashboard/DashboardCounters");
        foreach (var host in counters.GetProperty("hosts").EnumerateArray())
        {
            var address = Uri.EscapeDataString(host.GetProperty("siloAddress").GetString()!);
            routes.AddRange(new[] { "SiloStats", "SiloCounters", "SiloProperties", "SiloMetadata", "HistoricalStats" }.Select(r => $"/dashboard/{r}/{address}"));
        }
        foreach (var route in routes) await RecordAsync(emitted, dashboard, HttpMethod.Get, route, null, HttpStatusCode.OK);

        // The live log stream, while the user's gateway starts failing in a new way (which is logged).
        using var stream = await dashboard.GetAsync("/dashboard/Trace", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        var received = new MemoryStream();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reading = ReadUntilCancelledAsync(await stream.Content.ReadAsStreamAsync(), received, stop.Token);
        simulator.Accounts.SetFault(Id, SimulatedFault.Garbage);
        Assert.Equal(HttpStatusCode.BadGateway, (await dashboard.GetAsync($"/api/event/{Id}")).StatusCode);
        await Eventually.Until(() => Snapshot(received).Contains($"User {Id}: poll failed", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the failure in the dashboard's log stream");
        await stop.CancelAsync();
        await reading;
        emitted.Add("dashboard log stream", Snapshot(received));
        simulator.Accounts.SetFault(Id, SimulatedFault.None);
    }

    private static async Task ReadUntilCancelledAsync(Stream source, MemoryStream into, CancellationToken cancellation)
    {
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellation)) > 0)
            {
                lock (into) into.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Snapshot(MemoryStream stream)
    {
        lock (stream) return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task RecordAsync(Emissions emitted, HttpClient client, HttpMethod method, string path, HttpContent? body, HttpStatusCode? expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (expected is { } status) Assert.True(status == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.BadGateway, $"{method} {path}: {(int)response.StatusCode} {text}");
        emitted.Add($"reply to {method} {path}", $"{(int)response.StatusCode}\n{response.Headers}\n{response.Content.Headers}\n{text}");
    }

    // Long, random and unlike anything else in the system, so a single sighting is a leak, not a coincidence.
    private static string Distinctive(string label) => $"Pw-{label}-{Guid.NewGuid():n}";
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Recording;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>Summation and price capture against a running silo, the gateway simulator and a real S3 server.</summary>
public sealed class CaptureTests
{
    private const string Good = "0cab01";
    private const string PriceFails = "0cab02";
    private const string Quiet = "0cab03";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly string[] SummationKeys = ["TimeStamp", "SummationDelivered", "SummationReceived", "Multiplier", "Divisor"];
    private static readonly string[] PriceKeys = ["TimeStamp", "Price", "TrailingDigits", "Currency", "Tier", "RateLabel"];

    [Fact]
    public async Task Captured_summation_and_price_are_logged_beside_demand_served_decoded_and_shipped_under_the_same_layout()
    {
        await using var s3 = new S3Server();
        await s3.InitializeAsync();
        await using var system = await SystemUnderTest.StartAsync(withRedis: false);
        system.Simulator.Accounts.Add(Good);
        system.Simulator.Accounts.Add(PriceFails, SimulatedFault.PriceError);
        var prefix = "capture-" + Guid.NewGuid().ToString("n")[..8];
        await using var silo = S3Silo(system, s3, prefix, new Dictionary<string, string>
        {
            ["Rainforest:Capture:Summation"] = "true",
            ["Rainforest:Capture:Price"] = "true",
            ["Rainforest:Capture:Every"] = "00:00:06",
        });
        await silo.StartAsync();
        using var api = silo.CreateClient();
        foreach (var id in new[] { Good, PriceFails })
        {
            var created = await api.PostAsync($"/api/users/{id}", SystemUnderTest.UserBody(id));
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await Eventually.Until(() => Lines(silo, "summation", Good).Count >= 2 && Lines(silo, "price", Good).Count >= 2
                && Lines(silo, "summation", PriceFails).Count >= 2
                && system.Simulator.RequestsFor(PriceFails).Count(r => r.Outcome == SimulatedOutcome.PriceError) >= 2,
            Deadline, "two summation and price lines of one user, and two refused price requests of the other");

        // The sibling files sit in the demand file's hour folder, one JSON line per reading, raw strings as the relay sent them.
        var summationFile = Files(silo, "summation", Good).First();
        Assert.Matches(@"^iseif-rainforest-summation-0cab01-\d{4}-\d{2}-\d{2}-\d{2}\.jl$", Path.GetFileName(summationFile));
        Assert.Equal(Path.GetFileName(Path.GetDirectoryName(summationFile)), Path.GetFileName(summationFile)[^16..^3]);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(summationFile)!, $"iseif-rainforest-0cab01-{Path.GetFileName(summationFile)[^16..]}")),
            "the demand file of the same hour, under its 2015 name");
        var summations = Lines(silo, "summation", Good).Select(Parse).ToList();
        foreach (var line in summations)
        {
            Assert.Equal(SummationKeys, line.Keys);
            Assert.All(line.Values, v => Assert.StartsWith("0x", v, StringComparison.Ordinal));
        }
        var delivered = summations.Select(s => ulong.Parse(s["SummationDelivered"][2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(delivered.Order(), delivered);
        var prices = Lines(silo, "price", Good).Select(Parse).ToList();
        Assert.All(prices, p => Assert.Equal(PriceKeys, p.Keys));
        Assert.All(prices, p => Assert.StartsWith("Block ", p["RateLabel"], StringComparison.Ordinal));

        // A refused get_price costs no demand reading and does not turn the user to failing.
        Assert.Empty(Files(silo, "price", PriceFails));
        var user = await SystemUnderTest.GetJsonAsync(api, $"/api/users/{PriceFails}");
        Assert.Equal("polling", user.GetProperty("status").GetProperty("state").GetString());

        // The readings route serves each kind: JSON lines as logged, CSV with the decoded values first.
        var from = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        var jsonl = await Body(api, $"/api/users/{Good}/readings?from={from}&kind=summation");
        Assert.Equal(Lines(silo, "summation", Good).Take(2), jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(2));
        var summationCsv = (await Body(api, $"/api/users/{Good}/readings?from={from}&kind=summation&format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_utc,delivered_kwh,received_kwh,TimeStamp,SummationDelivered,SummationReceived,Multiplier,Divisor", summationCsv[0]);
        var first = summationCsv[1].Split(',');
        Assert.Equal(delivered[0] / 1000.0, double.Parse(first[1], CultureInfo.InvariantCulture)); // Multiplier 1, Divisor 1000
        Assert.Equal(summations[0]["SummationDelivered"], first[4]);
        var priceCsv = (await Body(api, $"/api/users/{Good}/readings?from={from}&kind=price&format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_utc,price,currency,tier,rate_label,TimeStamp,Price,TrailingDigits,Currency,Tier,RateLabel", priceCsv[0]);
        var row = priceCsv[1].Split(',');
        // The simulator's tariff: 0x0c or 0x13 cents with TrailingDigits 2, in USD (0x0348 = 840).
        Assert.Contains(row[1], new[] { "0.12", "0.19" });
        Assert.Equal("USD", row[2]);
        Assert.Equal($"Block {row[3]}", row[4]);
        Assert.Equal(prices[0]["Price"], row[6]);

        // Every demand request of the user whose price requests fail was answered with a reading, and each one is logged.
        var demandAnswered = system.Simulator.RequestsFor(PriceFails).Count(r => r.Outcome == SimulatedOutcome.Reading);
        await Eventually.Until(() => HourFiles.LocalLines(silo.LogsDirectory, PriceFails).Count >= demandAnswered, Deadline,
            "every demand reading answered to the user whose price requests fail in its hour file");

        // A graceful stop ships every hour: the siblings land next to the demand object, under the same layout.
        var summationLines = Lines(silo, "summation", Good);
        await silo.StopAsync();
        var keys = await s3.ListKeysAsync($"{prefix}/{Good}/");
        var hour = Path.GetFileName(summationFile)[^16..^3];
        var day = $"{prefix}/{Good}/{hour[..4]}/{hour[5..7]}/{hour[8..10]}";
        Assert.Contains($"{day}/iseif-rainforest-{Good}-{hour}.jl.gz", keys);
        Assert.Contains($"{day}/iseif-rainforest-summation-{Good}-{hour}.jl.gz", keys);
        Assert.Contains($"{day}/iseif-rainforest-price-{Good}-{hour}.jl.gz", keys);
        var shippedSummation = new List<string>();
        foreach (var key in keys.Where(k => k.Contains("-summation-", StringComparison.Ordinal))) shippedSummation.AddRange((await s3.GetGzipLinesAsync(key))!);
        Assert.Equal(summationLines, shippedSummation);
        Assert.Empty(Files(silo, "summation", Good));

        Assert.DoesNotContain(await s3.ListKeysAsync($"{prefix}/{PriceFails}/"), k => k.Contains("-price-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_local_gateway_s_summation_and_price_variables_are_logged_in_the_relay_s_record_form()
    {
        const string local = "0cab04";
        await using var system = await SystemUnderTest.StartAsync(withRedis: false);
        system.Simulator.Accounts.Add(local);
        var silo = system.AddSilo(new Dictionary<string, string>
        {
            ["Rainforest:Sources:Local:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Rainforest:Capture:Summation"] = "true",
            ["Rainforest:Capture:Price"] = "true",
            ["Rainforest:Capture:Every"] = "00:00:06",
        }, withRedis: false);
        await silo.StartAsync();
        using var api = silo.CreateClient();
        var created = await api.PostAsync($"/api/users/{local}", SystemUnderTest.JsonBody(new
        {
            source = "local", gateway_url = system.Simulator.BaseUrl.ToString(), install_code = Rainforest.Simulator.Accounts.SimulatedAccount.DefaultInstallCode(local),
        }));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        await Eventually.Until(() => Lines(silo, "summation", local).Count >= 1 && Lines(silo, "price", local).Count >= 1,
            Deadline, "a summation and a price line of the local user");

        var summation = Parse(Lines(silo, "summation", local)[0]);
        Assert.Equal(SummationKeys, summation.Keys);
        Assert.Equal(("0x00000001", "0x000003e8"), (summation["Multiplier"], summation["Divisor"]));
        var price = Parse(Lines(silo, "price", local)[0]);
        Assert.Equal(PriceKeys, price.Keys);
        Assert.Equal(("0x02", "0x0348"), (price["TrailingDigits"], price["Currency"]));
        Assert.Contains(price["Price"], new[] { "0x0000000c", "0x00000013" });

        var from = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        var row = (await Body(api, $"/api/users/{local}/readings?from={from}&kind=price&format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(',');
        Assert.Contains(row[1], new[] { "0.12", "0.19" });
        Assert.Equal("USD", row[2]);
    }

    [Fact]
    public async Task With_capture_off_only_demand_is_asked_for_and_no_sibling_file_is_written()
    {
        await using var s3 = new S3Server();
        await s3.InitializeAsync();
        await using var system = await SystemUnderTest.StartAsync(withRedis: false);
        system.Simulator.Accounts.Add(Quiet);
        await using var silo = S3Silo(system, s3, "off-" + Guid.NewGuid().ToString("n")[..8], new Dictionary<string, string>());
        await silo.StartAsync();
        using var api = silo.CreateClient();
        var created = await api.PostAsync($"/api/users/{Quiet}", SystemUnderTest.UserBody(Quiet));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        await Eventually.Until(() => HourFiles.LocalLines(silo.LogsDirectory, Quiet).Count >= 3, Deadline, "three demand readings");

        var requests = system.Simulator.RequestsFor(Quiet);
        Assert.DoesNotContain(requests, r => r.Outcome is SimulatedOutcome.Summation or SimulatedOutcome.Price or SimulatedOutcome.UnknownCommand);
        Assert.Empty(Files(silo, "summation", Quiet));
        Assert.Empty(Files(silo, "price", Quiet));
    }

    [Fact]
    public async Task A_capture_period_shorter_than_the_poll_period_stops_the_silo_at_start_naming_it()
    {
        await using var system = await SystemUnderTest.StartAsync(withRedis: false);
        var silo = system.AddSilo(new Dictionary<string, string>
        {
            ["Rainforest:Capture:Price"] = "true",
            ["Rainforest:Capture:Every"] = "00:00:02",
        }, withRedis: false);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.StartAsync(TimeSpan.FromMinutes(5)));

        Assert.True(silo.HasExited);
        Assert.Contains("Rainforest:Capture:Every", failure.Message, StringComparison.Ordinal);
    }

    private static SiloProcess S3Silo(SystemUnderTest system, S3Server s3, string prefix, Dictionary<string, string> extra)
    {
        var directory = Path.Combine(system.Root, "capture-silo-" + Guid.NewGuid().ToString("n")[..6]);
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string>
        {
            ["Rainforest:Eagle:CloudUrl"] = system.Simulator.RelayUrl.ToString(),
            ["Rainforest:Eagle:RequestTimeout"] = "00:00:04",
            ["Rainforest:Archive:Bucket"] = s3.Bucket,
            ["Rainforest:Archive:ServiceUrl"] = s3.ServiceUrl,
            ["Rainforest:Archive:Prefix"] = prefix,
            ["Rainforest:Archive:RequestTimeout"] = "00:00:03",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return new SiloProcess(directory, settings, environment: new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = S3Server.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3Server.SecretKey,
        });
    }

    private static List<string> Files(SiloProcess silo, string kind, string cloudId) => Directory.Exists(silo.LogsDirectory)
        ? [.. Directory.EnumerateFiles(silo.LogsDirectory, $"iseif-rainforest-{kind}-{cloudId}-*.jl", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
        : [];

    private static List<string> Lines(SiloProcess silo, string kind, string cloudId) =>
        [.. Files(silo, kind, cloudId).SelectMany(ReadShared).Where(l => l.Length > 0)];

    private static IEnumerable<string> ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            // Only complete lines: the silo may be writing the next one.
            return text[..(text.LastIndexOf('\n') + 1)].Split('\n');
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    private static Dictionary<string, string> Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private static async Task<string> Body(HttpClient api, string path)
    {
        var response = await api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {body}");
        return body;
    }
}

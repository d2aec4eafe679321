using System.Net;
using System.Text;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>
/// A generated corpus of malformed and hostile uploads against one push user: none may get a 5xx, none may write
/// more than the legitimately valid readings among them, and the silo still logs a good upload afterwards.
/// </summary>
public sealed class PushUploadCorpusTests(PushCorpusFixture fixture) : IClassFixture<PushCorpusFixture>
{
    // A demand value only hostile uploads carry: if it is ever logged, something hostile got through.
    private const ulong Poison = 0xbad0;

    private readonly SiloProcess _silo = fixture.Silo;
    private readonly SystemUnderTest _system = fixture.System;

    private sealed record Case(string Kind, byte[] Body, HttpStatusCode[] Allowed, ulong? ValidStamp = null);

    [Fact]
    public async Task Hostile_and_malformed_uploads_get_4xx_write_only_what_was_valid_and_leave_the_silo_logging()
    {
        using var api = _silo.CreateClient();
        using var gateway = _silo.CreateClient(apiKey: null);
        const string id = "00e0c0";
        var url = await Uploads.CreatePushUserAsync(api, id);
        var stamp = Uploads.GatewaySeconds(DateTimeOffset.UtcNow) - 3600;
        var cases = Corpus(() => stamp += 6);
        Assert.True(cases.Count >= 500, $"{cases.Count} cases");

        var expected = new HashSet<ulong>();
        foreach (var c in cases)
        {
            var response = await Uploads.PostAsync(gateway, url, c.Body);
            var status = response.StatusCode;
            Assert.True((int)status < 500, $"{c.Kind}: {(int)status} {await response.Content.ReadAsStringAsync()}");
            Assert.True(c.Allowed.Contains(status), $"{c.Kind}: {(int)status} {await response.Content.ReadAsStringAsync()}");
            if (c.ValidStamp is { } valid && status == HttpStatusCode.OK) expected.Add(valid);
        }

        var good = stamp += 6;
        var after = await Uploads.PostAsync(gateway, url, Uploads.Envelope(Uploads.Gateway, Uploads.Demand(good)));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        expected.Add(good);
        var lines = _system.LoggedLines(id);
        Assert.Equal(expected.Count, lines.Count);
        Assert.DoesNotContain(lines, l => l.Contains($"\"Demand\": {Poison}", StringComparison.Ordinal));
        Assert.All(expected, s => Assert.Contains(lines, l => l.Contains($"\"TimeStamp\": {s},", StringComparison.Ordinal)));
        // Capture is on: the envelopes' summation fragments are kept, no hostile price or summation value is.
        Assert.NotEmpty(PushCaptureTests.Lines(_silo, "summation", id));
        foreach (var (kind, field) in new[] { ("summation", "SummationDelivered"), ("price", "Price") })
        {
            Assert.DoesNotContain(PushCaptureTests.Lines(_silo, kind, id),
                l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty(field).GetString() == $"0x{Poison:x}");
        }
        Assert.DoesNotContain("root:x:0:0", _silo.Output);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/users/{id}")).StatusCode);
    }

    private static List<Case> Corpus(Func<ulong> nextStamp)
    {
        var bad = new[] { HttpStatusCode.BadRequest };
        var cases = new List<Case>();
        void Add(string kind, string body, HttpStatusCode[] allowed, ulong? valid = null) => cases.Add(new(kind, Encoding.UTF8.GetBytes(body), allowed, valid));
        string PoisonDemand() => Uploads.Demand(nextStamp(), Poison);

        // The first upload pins the gateway, so a wrong macId below is refused.
        var first = nextStamp();
        Add("pinning upload", Uploads.Envelope(Uploads.Gateway, Uploads.Demand(first)), [HttpStatusCode.OK], first);

        foreach (var target in new[] { "file:///etc/passwd", "http://127.0.0.1:1/x", "file:///proc/self/environ", "\\\\host\\share\\x" })
        {
            Add("XXE external entity", $"<?xml version=\"1.0\"?><!DOCTYPE rainforest [<!ENTITY x SYSTEM \"{target}\">]><rainforest macId=\"0x{Uploads.Gateway:x}\"><InstantaneousDemand><DeviceMacId>&x;</DeviceMacId></InstantaneousDemand></rainforest>", bad);
            Add("XXE parameter entity", $"<!DOCTYPE r [<!ENTITY % p SYSTEM \"{target}\"> %p;]><rainforest macId=\"0x1\"/>", bad);
            Add("external DTD", $"<!DOCTYPE rainforest SYSTEM \"{target}\"><rainforest macId=\"0x{Uploads.Gateway:x}\">{PoisonDemand()}</rainforest>", bad);
        }
        for (var levels = 2; levels <= 10; levels++)
        {
            var dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
            for (var i = 1; i <= levels; i++) dtd.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
            Add("billion laughs", dtd + $"]><rainforest macId=\"0x{Uploads.Gateway:x}\"><NetworkInfo>&lol{levels};</NetworkInfo>{PoisonDemand()}</rainforest>", bad);
        }
        Add("internal DTD", $"<!DOCTYPE rainforest [<!ELEMENT rainforest ANY>]><rainforest macId=\"0x{Uploads.Gateway:x}\">{PoisonDemand()}</rainforest>", bad);
        Add("undeclared entity", $"<rainforest macId=\"0x{Uploads.Gateway:x}\"><InstantaneousDemand><DeviceMacId>&x;</DeviceMacId></InstantaneousDemand></rainforest>", bad);

        foreach (var size in new[] { 1_000, 10_000, 60_000 })
        {
            var valid = nextStamp();
            Add("huge attribute", $"<rainforest macId=\"0x{Uploads.Gateway:x}\" junk=\"{new string('a', size)}\">{Uploads.Demand(valid)}</rainforest>", [HttpStatusCode.OK], valid);
            Add("huge field", $"<rainforest macId=\"0x{Uploads.Gateway:x}\"><InstantaneousDemand><DeviceMacId>0x{new string('1', size)}</DeviceMacId></InstantaneousDemand></rainforest>", bad);
            Add("huge attribute beyond 64 KiB", $"<rainforest macId=\"0x{Uploads.Gateway:x}\" junk=\"{new string('a', size + 64 * 1024)}\">{PoisonDemand()}</rainforest>", [HttpStatusCode.RequestEntityTooLarge]);
        }
        foreach (var depth in new[] { 10, 100, 1_000, 5_000 })
        {
            var open = string.Concat(Enumerable.Repeat("<a>", depth));
            var close = string.Concat(Enumerable.Repeat("</a>", depth));
            Add("deep nesting in a demand field", $"<rainforest macId=\"0x{Uploads.Gateway:x}\"><InstantaneousDemand><Demand>{open}{close}</Demand></InstantaneousDemand>{PoisonDemand()}</rainforest>", bad);
            Add("deep nesting in a demand", $"<rainforest macId=\"0x{Uploads.Gateway:x}\"><InstantaneousDemand>{open}{close}</InstantaneousDemand>{PoisonDemand()}</rainforest>", bad);
            var valid = nextStamp();
            Add("deep nesting in another fragment", $"<rainforest macId=\"0x{Uploads.Gateway:x}\"><PriceCluster>{open}{close}</PriceCluster>{Uploads.Demand(valid)}</rainforest>", [HttpStatusCode.OK], valid);
            Add("deep nesting unclosed", $"<rainforest macId=\"0x{Uploads.Gateway:x}\">{PoisonDemand()}<PriceCluster>{open}", bad);
        }
        foreach (var price in new[] { "DROP TABLE", "", "0x", "0x1ffffffffffffffff" })
        {
            // An unreadable price is skipped; the envelope's demand reading is still logged.
            var valid = nextStamp();
            Add("unreadable price fragment", Uploads.Only(Uploads.Gateway, Uploads.Demand(valid), Uploads.Price(valid, price)), [HttpStatusCode.OK], valid);
        }
        Add("entity in a price fragment", Uploads.Only(Uploads.Gateway, PoisonDemand(), "<PriceCluster><Price>&x;</Price></PriceCluster>"), bad);
        Add("truncated summation fragment", $"<rainforest macId=\"0x{Uploads.Gateway:x}\">{PoisonDemand()}<CurrentSummation><SummationDelivered>0x{Poison:x}", bad);
        Add("too many price fragments", Uploads.Only(Uploads.Gateway,
            [PoisonDemand(), .. Enumerable.Range(0, 101).Select(i => Uploads.Price(nextStamp(), $"0x{Poison:x}"))]), bad);
        for (var i = 0; i < 40; i++)
        {
            Add("wrong macId", Uploads.Envelope(Uploads.Gateway + 1 + (ulong)i, PoisonDemand()), [HttpStatusCode.Forbidden]);
        }
        Add("no macId", $"<rainforest>{PoisonDemand()}</rainforest>", bad);
        Add("macId not hex", $"<rainforest macId=\"0xZZ\">{PoisonDemand()}</rainforest>", bad);
        Add("macId too long", $"<rainforest macId=\"0x{new string('f', 40)}\">{PoisonDemand()}</rainforest>", bad);

        // Letter case is the gateway's business: these are valid and logged.
        for (var i = 0; i < 20; i++)
        {
            var valid = nextStamp();
            var demand = Uploads.Demand(valid, tag: i % 2 == 0 ? "INSTANTANEOUSDEMAND" : "instantaneousdemand");
            demand = i % 3 == 0 ? demand.Replace("TimeStamp", "TIMESTAMP", StringComparison.Ordinal).Replace("Demand>", "demand>", StringComparison.Ordinal) : demand;
            Add("wrong case (valid)", $"<RainForest MACID=\"0X{Uploads.Gateway:X}\">{demand}</RainForest>", [HttpStatusCode.OK], valid);
        }

        // Re-sent valid uploads: accepted, not logged again (their stamps are already expected).
        var replayed = cases.Where(c => c.ValidStamp is not null).Take(20).ToList();
        foreach (var c in replayed) cases.Add(c with { Kind = "replay", ValidStamp = null, Allowed = [HttpStatusCode.OK] });

        var template = Encoding.UTF8.GetBytes(Uploads.Envelope(Uploads.Gateway, PoisonDemand(), PoisonDemand()));
        for (var cut = 0; cut < template.Length - 1; cut += Math.Max(1, template.Length / 150))
        {
            cases.Add(new("truncated", template[..cut], bad));
        }
        var random = new Random(20121212);
        for (var i = 0; i < 220; i++)
        {
            var junk = new byte[random.Next(1, 4000)];
            random.NextBytes(junk);
            if (i % 3 == 0) junk = [.. Encoding.UTF8.GetBytes($"<rainforest macId=\"0x{Uploads.Gateway:x}\">"), .. junk];
            cases.Add(new("binary junk", junk, bad));
        }
        foreach (var (kind, body) in new[]
        {
            ("empty", ""),
            ("whitespace", "   \r\n"),
            ("JSON", "{\"InstantaneousDemand\": {}}"),
            ("other root", $"<InstantaneousDemand>{PoisonDemand()}</InstantaneousDemand>"),
            ("two roots", $"{Uploads.Envelope(Uploads.Gateway, PoisonDemand())}<rainforest macId=\"0x1\"/>"),
            ("field not hex", Uploads.Envelope(Uploads.Gateway, Uploads.Demand(nextStamp(), Poison).Replace("0x000003e8", "1e3; DROP TABLE", StringComparison.Ordinal))),
            ("field missing", Uploads.Envelope(Uploads.Gateway, Uploads.Demand(nextStamp(), Poison).Replace("<DigitsLeft>0x06</DigitsLeft>", "", StringComparison.Ordinal))),
            ("field empty", Uploads.Envelope(Uploads.Gateway, Uploads.Demand(nextStamp(), Poison).Replace(">Y<", "><", StringComparison.Ordinal))),
            ("field with markup", Uploads.Envelope(Uploads.Gateway, Uploads.Demand(nextStamp(), Poison).Replace(">Y<", "><b>Y</b><", StringComparison.Ordinal))),
            ("too many readings", Uploads.Envelope(Uploads.Gateway, [.. Enumerable.Range(0, 101).Select(_ => PoisonDemand())])),
            ("path in values", Uploads.Envelope(Uploads.Gateway, Uploads.Demand(nextStamp(), Poison).Replace("0x03<", "../../etc/passwd<", StringComparison.Ordinal))),
            ("CDATA field", Uploads.Envelope(Uploads.Gateway, Uploads.Demand(nextStamp(), Poison).Replace(">Y<", "><![CDATA[\0\u0001]]><", StringComparison.Ordinal))),
            ("invalid character", $"<rainforest macId=\"0x{Uploads.Gateway:x}\">\u0001{PoisonDemand()}</rainforest>"),
            ("processing instruction", $"<?xml-stylesheet href=\"file:///etc/passwd\"?><rainforest macId=\"0x{Uploads.Gateway:x}\"><x:InstantaneousDemand xmlns:x=\"urn:x\"><Demand>&amp;</Demand></x:InstantaneousDemand></rainforest>"),
            ("UTF-16 declared, UTF-8 sent", $"<?xml version=\"1.0\" encoding=\"utf-16\"?>{Uploads.Envelope(Uploads.Gateway, PoisonDemand())}"),
        })
        {
            Add(kind, body, bad);
        }
        return cases;
    }
}

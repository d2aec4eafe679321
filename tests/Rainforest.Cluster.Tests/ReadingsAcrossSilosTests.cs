using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Amazon.S3.Model;
using Rainforest.Domain.HourFiles;
using Rainforest.Domain.Readings;

namespace Rainforest.Cluster.Tests;

/// <summary>
/// Three silo processes, the standalone gateway, real Redis and a real S3 server: a user's readings come back
/// complete when its current hour was logged partly on one silo and partly on another, and the hour before is
/// in the archive; a silo whose part cannot be read makes the answer a 503, never a shorter 200.
/// </summary>
public sealed class ReadingsAcrossSilosTests(ITestOutputHelper output)
{
    private const ulong Device = 15624597891882953451;
    private const ulong Meter = 2112161845476631;

    [Fact]
    public async Task A_user_moved_mid_hour_reads_back_every_logged_reading_once_in_order_through_the_gateway_and_any_silo()
    {
        var started = Stopwatch.StartNew();
        var users = TestUsers.Make(12, seed: 7);
        await using var cluster = await ClusterUnderTest.StartAsync(silos: 2, withS3: true);
        var registered = DateTimeOffset.UtcNow;
        await cluster.RegisterAsync(users);
        await cluster.WaitUntilPolledAsync(users, times: 2, registered, TimeSpan.FromSeconds(60));

        // A third silo joins and the others hand it its share: those users' hour is now on two silos.
        var joined = DateTimeOffset.UtcNow;
        var third = cluster.AddSilo();
        await third.StartAsync(TimeSpan.FromMinutes(2));
        await cluster.WaitUntilAsync(() => users.Any(id => cluster.HostOf(id) == third && cluster.Timeline(id).CountAfter(joined) >= 3),
            TimeSpan.FromSeconds(60), "a user moved to the new silo and polled there");
        var moved = users.First(id => cluster.HostOf(id) == third);
        var holders = cluster.Silos.Where(s => HourFiles.LocalLines(s.LogsDirectory, moved).Count > 0).ToList();
        cluster.Check(holders.Count >= 2, () => $"{moved} has hour files on {holders.Count} silos");
        output.WriteLine($"{moved} moved to silo 2 after {started.Elapsed.TotalSeconds:F0} s; its lines are on {holders.Count} silos");

        // The hour before is already shipped, as the archive holds it: unsorted, one line twice.
        var previous = HourStamp.StartOfHour(registered).AddHours(-1);
        var archived = await ArchiveAsync(cluster.S3!, moved, previous,
            [Line(previous, 3000, 700), Line(previous, 1200, 300), Line(previous, 3000, 700), Line(previous, 2400, 500)]);

        // Everything stamped before `to` is in a file once the user is polled twice after it.
        // Whole seconds, as the query gives it.
        var to = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await cluster.WaitUntilAsync(() => cluster.Timeline(moved).CountAfter(to) >= 2, TimeSpan.FromSeconds(30), "two polls after `to`");
        var from = previous.AddMinutes(10);
        var expected = Expected(archived.Concat(cluster.Silos.SelectMany(s => HourFiles.LocalLines(s.LogsDirectory, moved))), from, to);
        // Three archived readings in range, and some of the current hour from each silo that logged it.
        cluster.Check(expected.Count(archived.Contains) == 3 && holders.All(s => HourFiles.LocalLines(s.LogsDirectory, moved).Any(expected.Contains)),
            () => $"{moved}: expected readings from the archive and from {holders.Count} silos, got {expected.Count}");

        var path = $"/api/users/{moved}/readings?from={from.ToUnixTimeSeconds()}&to={to.ToUnixTimeSeconds()}";
        using var viaGateway = cluster.Gateway.CreateClient();
        Assert.Equal(expected, await ReadLinesAsync(viaGateway, path));
        foreach (var silo in cluster.Silos)
        {
            using var viaSilo = silo.CreateClient();
            Assert.Equal(expected, await ReadLinesAsync(viaSilo, path));
        }
        output.WriteLine($"{expected.Count} readings, every one once and in order, after {started.Elapsed.TotalSeconds:F0} s");

        // A silo whose part of the hour cannot be read: a 503 with Retry-After, from the gateway and the silos alike.
        var holder = holders.First(s => s != third);
        var file = Directory.EnumerateFiles(holder.LogsDirectory, $"iseif-rainforest-{moved}-*.jl", SearchOption.AllDirectories).First();
        File.Move(file, file + ".aside");
        Directory.CreateDirectory(file);
        try
        {
            foreach (var api in new[] { viaGateway, cluster.Silos[0].CreateClient(), third.CreateClient() })
            {
                var response = await api.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
            }
        }
        finally
        {
            Directory.Delete(file);
            File.Move(file + ".aside", file);
        }
        Assert.Equal(expected, await ReadLinesAsync(viaGateway, path));
    }

    /// <summary>What the API should answer: each line once, decodable, stamped in [from, to), by gateway time.</summary>
    private static List<string> Expected(IEnumerable<string> lines, DateTimeOffset from, DateTimeOffset to) => lines
        .Distinct(StringComparer.Ordinal)
        .Select(line => (Line: line, Ok: DemandReading.TryRead(Encoding.UTF8.GetBytes(line), out var reading), Reading: reading))
        .Where(x => x.Ok && x.Reading.Time >= from && x.Reading.Time < to)
        .OrderBy(x => x.Reading.TimeStamp)
        .Select(x => x.Line)
        .ToList();

    private static async Task<List<string>> ReadLinesAsync(HttpClient api, string path)
    {
        var response = await api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {api.BaseAddress}{path} → {(int)response.StatusCode}: {body}");
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static async Task<IReadOnlyList<string>> ArchiveAsync(S3Server s3, string cloudId, DateTimeOffset hour, IReadOnlyList<string> lines)
    {
        using var gzipped = new MemoryStream();
        await using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
        }
        gzipped.Position = 0;
        using var client = s3.CreateClient();
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = s3.Bucket,
            Key = HourFileLayout.ObjectKey("rainforest-logs", cloudId, hour),
            InputStream = gzipped,
            // s3rver stores a chunk-signed body with its chunk framing; a plain body arrives intact.
            UseChunkEncoding = false,
        });
        return lines;
    }

    private static string Line(DateTimeOffset hour, int seconds, ulong demand) =>
        DemandRecord.Write(Device, Meter, (ulong)((hour.AddSeconds(seconds) - GatewayDemand.Epoch).Ticks / TimeSpan.TicksPerSecond), demand, 1, 1000, 3, 6, "Y");
}

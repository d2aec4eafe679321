using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using Rainforest.Domain.HourFiles;
using Rainforest.Domain.Readings;
using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>The readings routes against a running silo whose archive is a real S3 server.</summary>
public sealed class ReadingsApiTests(ReadingsFixture fixture) : IClassFixture<ReadingsFixture>
{
    private const string User = "0ead11";
    private const ulong Device = 15624597891882953451;
    private const ulong Meter = 2112161845476631;

    private readonly SiloProcess _silo = fixture.Silo;

    [Fact]
    public async Task Readings_across_an_hour_boundary_join_the_archived_hour_to_the_hour_still_on_disk()
    {
        using var api = _silo.CreateClient();
        var previous = await RegisterWithArchivedPreviousHourAsync(api);
        var current = previous.AddHours(1);

        var response = await api.GetAsync($"/api/users/{User}/readings?from={Unix(previous.AddSeconds(15))}&to={Iso(current.AddHours(1))}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The archived hour from 15 s on, sorted, the duplicate once, each line exactly as stored.
        Assert.Equal([Line(previous, 20, 0xFFFFFF38), Line(previous, 30, 2000), Line(previous, 70, 500)], lines.Take(3));
        // Then the current hour as the silo logged it (it may have logged more since the answer).
        var local = HourFiles.LocalLines(_silo.LogsDirectory, User).Distinct().ToList();
        var fromDisk = lines.Skip(3).ToList();
        Assert.NotEmpty(fromDisk);
        Assert.Equal(local.Take(fromDisk.Count), fromDisk);
    }

    [Fact]
    public async Task Csv_decodes_time_and_kilowatts_negatives_included_then_the_raw_fields()
    {
        using var api = _silo.CreateClient();
        var previous = await RegisterWithArchivedPreviousHourAsync(api);

        var response = await api.GetAsync($"/api/users/{User}/readings?from={Iso(previous)}&to={Iso(previous.AddMinutes(1))}&format=csv");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var stamp = Seconds(previous);
        var time = previous.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm", CultureInfo.InvariantCulture);
        Assert.Equal(
        [
            ReadingsCsv.Header,
            $"{time}:10Z,1.5,{Device},{Meter},{stamp + 10},1500,1,1000,3,6,Y",
            $"{time}:20Z,-0.2,{Device},{Meter},{stamp + 20},{0xFFFFFF38},1,1000,3,6,Y",
            $"{time}:30Z,2,{Device},{Meter},{stamp + 30},2000,1,1000,3,6,Y",
        ], body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_summary_gives_count_mean_min_max_and_energy_per_step()
    {
        using var api = _silo.CreateClient();
        var previous = await RegisterWithArchivedPreviousHourAsync(api);

        var steps = await SystemUnderTest.GetJsonAsync(api,
            $"/api/users/{User}/readings/summary?from={Iso(previous)}&to={Iso(previous.AddMinutes(30))}&step=PT1M");

        Assert.Equal(2, steps.GetArrayLength());
        var first = steps[0];
        Assert.Equal(previous, first.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(3, first.GetProperty("count").GetInt32());
        Assert.Equal(1.1, first.GetProperty("mean_kw").GetDouble(), 9);
        Assert.Equal(-0.2, first.GetProperty("min_kw").GetDouble(), 9);
        Assert.Equal(2.0, first.GetProperty("max_kw").GetDouble(), 9);
        // 1.5 kW for 10 s, -0.2 kW for 10 s, 2 kW for the 40 s until the next reading.
        Assert.Equal((1.5 * 10 - 0.2 * 10 + 2.0 * 40) / 3600, first.GetProperty("energy_kwh").GetDouble(), 9);
        var second = steps[1];
        Assert.Equal(previous.AddMinutes(1), second.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(1, second.GetProperty("count").GetInt32());
        // The last reading holds for one poll period.
        Assert.Equal(0.5 * 6 / 3600, second.GetProperty("energy_kwh").GetDouble(), 9);

        var seconds = await SystemUnderTest.GetJsonAsync(api,
            $"/api/users/{User}/readings/summary?from={Iso(previous)}&to={Iso(previous.AddMinutes(30))}&step=00:30:00");
        Assert.Equal(4, seconds[0].GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Bad_queries_are_400_problems_an_unknown_user_404_and_no_key_401()
    {
        using var api = _silo.CreateClient();
        await RegisterAsync(api);
        var now = DateTimeOffset.UtcNow;
        var from = Iso(now.AddHours(-1));
        string[] bad =
        [
            $"/api/users/{User}/readings",
            $"/api/users/{User}/readings?from=yesterday",
            $"/api/users/{User}/readings?from={from}&to=2026-13-01T00:00:00Z",
            $"/api/users/{User}/readings?from={Iso(now)}&to={Iso(now)}",
            $"/api/users/{User}/readings?from={Iso(now)}&to={Iso(now.AddHours(-1))}",
            $"/api/users/{User}/readings?from={Iso(now.AddDays(-32))}&to={Iso(now)}",
            $"/api/users/{User}/readings?from={from}&format=xml",
            $"/api/users/{User}/readings?from={from}&kind=voltage",
            $"/api/users/0EAD1/readings?from={from}",
            $"/api/users/{User}/readings/summary?from={from}",
            $"/api/users/{User}/readings/summary?from={from}&step=30",
            $"/api/users/{User}/readings/summary?from={from}&step=P2D",
            $"/api/users/{User}/readings/summary?from={from}&step=soon",
        ];
        foreach (var path in bad) await AssertProblemAsync(await api.GetAsync(path), HttpStatusCode.BadRequest, path);

        var price = await AssertProblemAsync(await api.GetAsync($"/api/users/{User}/readings/summary?from={from}&step=60&kind=price"), HttpStatusCode.BadRequest, "summary of kind=price");
        Assert.Contains("demand readings only", price.GetProperty("detail").GetString());

        await AssertProblemAsync(await api.GetAsync($"/api/users/fffff0/readings?from={from}"), HttpStatusCode.NotFound, "unknown user");
        await AssertProblemAsync(await api.GetAsync($"/api/users/fffff0/readings/summary?from={from}&step=60"), HttpStatusCode.NotFound, "unknown user");

        using var anonymous = _silo.CreateClient(apiKey: null);
        await AssertProblemAsync(await anonymous.GetAsync($"/api/users/{User}/readings?from={from}"), HttpStatusCode.Unauthorized, "no key");
        await AssertProblemAsync(await anonymous.GetAsync($"/api/users/{User}/readings/summary?from={from}&step=60"), HttpStatusCode.Unauthorized, "no key");
    }

    [Fact]
    public async Task An_archive_that_cannot_be_read_is_a_503_with_retry_after_never_a_shorter_answer()
    {
        using var api = _silo.CreateClient();
        var previous = await RegisterWithArchivedPreviousHourAsync(api);
        await fixture.S3.StopAsync();
        try
        {
            foreach (var path in new[]
            {
                $"/api/users/{User}/readings?from={Iso(previous)}",
                $"/api/users/{User}/readings/summary?from={Iso(previous)}&step=PT5M",
            })
            {
                var response = await api.GetAsync(path);
                await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, path);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{path} has no Retry-After");
            }
        }
        finally
        {
            await fixture.S3.StartAsync();
        }
    }

    [Fact]
    public async Task A_client_that_hangs_up_mid_stream_leaves_the_server_answering_the_next_request()
    {
        using var api = _silo.CreateClient();
        await RegisterAsync(api);
        // Two archived days, some 7 MB of lines: far more than the connection buffers between the two ends.
        var first = HourStamp.StartOfHour(DateTimeOffset.UtcNow).AddDays(-5);
        using var s3 = fixture.S3.CreateClient();
        foreach (var hour in Enumerable.Range(0, 48).Select(h => first.AddHours(h)))
        {
            await PutArchivedAsync(s3, hour, Enumerable.Range(0, 600).Select(i => Line(hour, 6 * i, (ulong)(1000 + i))));
        }
        var path = $"/api/users/{User}/readings?from={Iso(first)}&to={Iso(first.AddDays(2))}";

        var failuresBefore = _silo.Output.Split('\n').Count(l => l.StartsWith("fail:", StringComparison.Ordinal));
        using (var response = await api.GetAsync(path, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.Equal(Line(first, 0, 1000), await reader.ReadLineAsync());
        }

        // The abandoned transfer ends; the next one is answered in full, and nothing failed on the server.
        var lines = (await api.GetStringAsync(path)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(48 * 600, lines.Length);
        Assert.Equal(Line(first.AddHours(47), 6 * 599, 1599), lines[^1]);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(failuresBefore, _silo.Output.Split('\n').Count(l => l.StartsWith("fail:", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Registers the user, logs one reading now, and puts the previous hour in the archive as the 2015 system
    /// wrote it: unsorted, one line twice, a negative demand.
    /// </summary>
    private async Task<DateTimeOffset> RegisterWithArchivedPreviousHourAsync(HttpClient api)
    {
        await RegisterAsync(api);
        var previous = HourStamp.StartOfHour(DateTimeOffset.UtcNow).AddHours(-1);
        var lines = new[]
        {
            Line(previous, 30, 2000), Line(previous, 10, 1500), Line(previous, 20, 0xFFFFFF38),
            Line(previous, 30, 2000), Line(previous, 70, 500),
        };
        using var s3 = fixture.S3.CreateClient();
        await PutArchivedAsync(s3, previous, lines);
        return previous;
    }

    private async Task PutArchivedAsync(Amazon.S3.IAmazonS3 s3, DateTimeOffset hour, IEnumerable<string> lines)
    {
        using var gzipped = new MemoryStream();
        await using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
        }
        gzipped.Position = 0;
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = fixture.S3.Bucket,
            Key = HourFileLayout.ObjectKey("rainforest-logs", User, hour),
            InputStream = gzipped,
            // s3rver stores a chunk-signed body with its chunk framing; a plain body arrives intact.
            UseChunkEncoding = false,
        });
    }

    private static async Task RegisterAsync(HttpClient api)
    {
        var registered = await api.PostAsync($"/api/users/{User}", SystemUnderTest.UserBody(User));
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        // One reading logged now, so the current hour has a file on disk.
        await SystemUnderTest.GetJsonAsync(api, $"/api/event/{User}");
    }

    private static string Line(DateTimeOffset hour, int seconds, ulong demand) =>
        DemandRecord.Write(Device, Meter, Seconds(hour) + (ulong)seconds, demand, 1, 1000, 3, 6, "Y");

    private static ulong Seconds(DateTimeOffset time) => (ulong)((time - GatewayDemand.Epoch).Ticks / TimeSpan.TicksPerSecond);

    private static string Unix(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}

using Xunit.Abstractions;

namespace Rainforest.Security.Tests.Fuzzing;

/// <summary>
/// Thousands of generated malformed requests against the running API: never a 5xx, never a crash, and the
/// silo ends as it started (no user, no file, no gateway asked). Seeded, so a failure replays exactly.
/// </summary>
public sealed class FuzzTests(QuietSilo target, ITestOutputHelper output) : IClassFixture<QuietSilo>
{
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Raw_socket_garbage_never_gets_a_5xx_nor_changes_anything()
    {
        var before = Snapshot();
        var outcomes = new Dictionary<string, int>();
        var failures = new List<string>();
        var index = 0;
        foreach (var (kind, bytes) in new MalformedRequests(seed: 20260310).Raw(2000))
        {
            var status = await RawHttp.SendAsync(target.Silo.BaseAddress, bytes);
            Count(outcomes, $"{kind} → {status?.ToString() ?? "closed"}");
            if (status >= 500 && !(status == 505 && HasUnknownVersion(bytes))) failures.Add($"#{index} {kind} → {status}: {Preview(bytes)}");
            index++;
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
        // The search means something only if the server answered: most requests must get a status line.
        var answered = outcomes.Where(o => !o.Key.EndsWith("closed", StringComparison.Ordinal)).Sum(o => o.Value);
        Assert.True(answered > 0.9 * index, $"only {answered} of {index} answered\n" + string.Join('\n', outcomes.Select(o => $"{o.Value,5}  {o.Key}")));
        await AssertUnchangedAsync(before, outcomes);
    }

    [Fact]
    public async Task Hostile_but_well_formed_requests_never_get_a_5xx_nor_change_anything()
    {
        var before = Snapshot();
        var outcomes = new Dictionary<string, int>();
        var failures = new List<string>();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = target.Silo.BaseAddress,
            Timeout = PerRequest,
        };
        var index = 0;
        foreach (var (kind, create) in new MalformedRequests(seed: 20260311).Http(1500))
        {
            using var request = create();
            var description = $"#{index++} {kind}: {request.Method} {request.RequestUri}";
            try
            {
                using var response = await client.SendAsync(request);
                Count(outcomes, $"{kind} → {(int)response.StatusCode}");
                if ((int)response.StatusCode >= 500) failures.Add($"{description} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException ex)
            {
                // The server may close a connection on a request it refuses outright; that is not a 5xx.
                Count(outcomes, $"{kind} → closed ({ex.HttpRequestError})");
                output.WriteLine($"closed: {description} ({request.Content?.Headers.ContentLength} bytes)");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
        await AssertUnchangedAsync(before, outcomes);
    }

    private async Task AssertUnchangedAsync(IReadOnlyList<string> before, Dictionary<string, int> outcomes)
    {
        var summary = string.Join('\n', outcomes.OrderBy(o => o.Key).Select(o => $"{o.Value,5}  {o.Key}"));
        output.WriteLine(summary);
        Assert.False(target.Silo.HasExited, "the silo died\n" + summary);

        using var api = target.Silo.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/live")).StatusCode);
        var users = await Json.GetAsync(api, "/api/users");
        Assert.True(users.GetProperty("count").GetInt32() == 0, $"users were registered: {users}\n{summary}");
        Assert.Equal(before, Snapshot());
        Assert.Equal(0, target.Simulator.Stats.Requests);

        // Refused requests are the client's fault: nothing worth an error line in the log.
        var errors = target.Silo.Transcript().Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors.Take(10)));
    }

    // Every file under the fixture's directory, the silo's data directory included, except the transcript
    // (which grows with the silo's own output); and nothing anywhere named after the traversal marker.
    private List<string> Snapshot()
    {
        var files = Directory.EnumerateFiles(target.Root, "*", SearchOption.AllDirectories)
            .Where(f => f != target.Silo.TranscriptPath)
            .Select(f => Path.GetRelativePath(target.Root, f))
            .Order(StringComparer.Ordinal)
            .ToList();
        var tmp = Path.GetTempPath();
        files.AddRange(Directory.EnumerateFileSystemEntries(tmp, $"*{MalformedRequests.Marker}*").Select(f => "MARKER " + f));
        files.AddRange(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(tmp.TrimEnd('/'))!, $"*{MalformedRequests.Marker}*").Select(f => "MARKER " + f));
        return files;
    }

    // Kestrel answers a request line without a known HTTP version with 505 before any of our code runs: the
    // status RFC 9110 (15.6.6) prescribes, and the only 5xx the protocol itself calls for.
    private static bool HasUnknownVersion(byte[] request)
    {
        var text = Encoding.Latin1.GetString(request);
        var end = text.IndexOf('\n');
        var line = (end < 0 ? text : text[..end]).TrimEnd('\r');
        return !line.EndsWith(" HTTP/1.1", StringComparison.Ordinal) && !line.EndsWith(" HTTP/1.0", StringComparison.Ordinal);
    }

    private static void Count(Dictionary<string, int> outcomes, string key) =>
        outcomes[key] = outcomes.GetValueOrDefault(key) + 1;

    private static string Preview(byte[] bytes) => Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 200))
        .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Rainforest.Testing;

/// <summary>
/// How many uploads one silo accepts a second and the silo CPU each costs: push users registered over HTTP, then
/// as many envelopes as the bench process can send at once (each a new reading for its user), for one window.
/// </summary>
internal static class PushBenchmark
{
    public static async Task RunAsync(int users, int seconds, int concurrency, string root)
    {
        var directory = Path.Combine(root, "silo0");
        Directory.CreateDirectory(directory);
        await using var silo = new SiloProcess(directory, new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Rainforest:Api:RequestsPerMinutePerKey"] = "10000000",
            ["Rainforest:Sources:Push:UploadBurst"] = "100000",
            ["Rainforest:Sources:Push:UploadsPerSecond"] = "100000",
            ["Orleans:ClusterId"] = "bench",
            ["Orleans:ServiceId"] = "bench",
        });
        await silo.StartAsync(TimeSpan.FromMinutes(3));
        using var api = silo.CreateClient();
        var ids = Enumerable.Range(1, users).Select(i => i.ToString("x6")).ToList();
        var urls = new string[users];
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var response = await api.PostAsJsonAsync($"/api/users/{ids[i]}", new { source = "push" }, ct);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            urls[i] = body.RootElement.GetProperty("uploader").GetProperty("url").GetString()!;
        });
        Console.WriteLine($"registered {users} push users");

        using var gateway = silo.CreateClient(apiKey: null);
        var stamps = new long[users];
        var start = (long)(DateTimeOffset.UtcNow - new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds;
        Array.Fill(stamps, start);
        long accepted = 0, refused = 0;
        async Task SendAsync(int worker, CancellationToken ct)
        {
            for (var n = worker; !ct.IsCancellationRequested; n += concurrency)
            {
                var user = n % users;
                var stamp = (ulong)Interlocked.Add(ref stamps[user], 6);
                var envelope = $"<rainforest macId=\"0xd8d5b90000{user:x6}\" timestamp=\"{stamp}s\"><InstantaneousDemand>" +
                    $"<DeviceMacId>0xd8d5b90000{user:x6}</DeviceMacId><MeterMacId>0x0007810000{user:x6}</MeterMacId><TimeStamp>0x{stamp:x8}</TimeStamp>" +
                    "<Demand>0x0004b0</Demand><Multiplier>0x00000001</Multiplier><Divisor>0x000003e8</Divisor><DigitsRight>0x03</DigitsRight>" +
                    "<DigitsLeft>0x06</DigitsLeft><SuppressLeadingZero>Y</SuppressLeadingZero></InstantaneousDemand></rainforest>";
                try
                {
                    using var response = await gateway.PostAsync(urls[user], new StringContent(envelope, Encoding.UTF8, "application/x-www-form-urlencoded"), ct);
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref accepted);
                    else Interlocked.Increment(ref refused);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        // A short warm-up, then the measured window.
        using (var warmup = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => SendAsync(w, warmup.Token)));
        }
        var process = Process.GetProcessById(silo.ProcessId!.Value);
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        accepted = 0;
        refused = 0;
        var window = Stopwatch.StartNew();
        using (var measured = new CancellationTokenSource(TimeSpan.FromSeconds(seconds)))
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => SendAsync(w, measured.Token)));
        }
        window.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        Console.WriteLine($"pushes/s           {accepted / window.Elapsed.TotalSeconds:F0} accepted ({refused} refused) by {concurrency} concurrent senders");
        Console.WriteLine($"CPU per push       {cpu / Math.Max(1, accepted):F3} ms  (silo CPU {cpu / 1000 / window.Elapsed.TotalSeconds * 100:F0}% of one core)");
        Console.WriteLine($"lines logged       {HourFiles.LocalLines(Path.Combine(directory, "logs"), ids[0]).Count} for the first user");
    }
}

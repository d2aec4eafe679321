using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Hosting;
using Rainforest.Archive.Readings;
using Rainforest.Archive.Stores;
using Rainforest.Domain.HourFiles;
using Rainforest.Testing;

/// <summary>
/// <c>mode=readings [store=s3|folder] [days=31] [runs=3]</c>: one user's archived readings read back through the
/// real reader (archive + the in-process silo's hour-files grain, per hour), for one day and for the whole month.
/// Prints, for each run, the time to the first reading, readings per second, the CPU time this process used and the
/// bytes it allocated per reading.
/// </summary>
internal static class ReadingsBenchmark
{
    private const string User = "0be7c4";
    private const int LinesPerHour = 600;

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> settings)
    {
        var store = settings.GetValueOrDefault("store", "s3");
        var days = int.Parse(settings.GetValueOrDefault("days", "31"), CultureInfo.InvariantCulture);
        var runs = int.Parse(settings.GetValueOrDefault("runs", "3"), CultureInfo.InvariantCulture);
        var root = Path.Combine(Path.GetTempPath(), "rainforest-readings-bench-" + Guid.NewGuid().ToString("n"));
        var first = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Console.WriteLine($"mode=readings store={store} days={days} runs={runs} cores={Environment.ProcessorCount}");

        S3Server? s3 = null;
        var configuration = new Dictionary<string, string?>
        {
            ["Rainforest:Logs:Directory"] = Path.Combine(root, "logs"),
            ["Rainforest:Archive:Directory"] = Path.Combine(root, "archive"),
        };
        if (store == "s3")
        {
            s3 = new S3Server();
            await s3.InitializeAsync();
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", S3Server.AccessKey);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", S3Server.SecretKey);
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            configuration["Rainforest:Archive:Bucket"] = s3.Bucket;
            configuration["Rainforest:Archive:ServiceUrl"] = s3.ServiceUrl;
        }
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.UseOrleans(silo => silo.UseLocalhostClustering().AddRainforestArchive(builder.Configuration));
            builder.Services.AddUserReadings(builder.Configuration);
            using var host = builder.Build();
            await host.StartAsync();

            var fill = Stopwatch.StartNew();
            var archive = host.Services.GetRequiredService<IArchiveStore>();
            var prefix = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ArchiveOptions>>().Value.Prefix;
            await Parallel.ForEachAsync(Enumerable.Range(0, days * 24), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (h, ct) =>
            {
                var hour = first.AddHours(h);
                await archive.WriteAsync(HourFileLayout.ObjectKey(prefix, User, hour), Gzip(hour), null, ct);
            });
            Console.WriteLine($"archived {days * 24} user-hours ({days * 24 * LinesPerHour} readings) in {fill.Elapsed.TotalSeconds:F1} s");

            var readings = host.Services.GetRequiredService<UserReadings>();
            foreach (var (name, span) in new[] { ("day", TimeSpan.FromDays(1)), ("month", TimeSpan.FromDays(days)) })
            {
                for (var run = 0; run < runs; run++)
                {
                    // CPU time and allocations as well as wall time: on a shared machine they move far less.
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var clock = Stopwatch.StartNew();
                    TimeSpan? firstReading = null;
                    long count = 0, bytes = 0;
                    await foreach (var batch in readings.ReadAsync(User, first, first + span, CancellationToken.None))
                    {
                        if (batch.Count > 0) firstReading ??= clock.Elapsed;
                        count += batch.Count;
                        foreach (var reading in batch) bytes += reading.Line.Length + 1;
                    }
                    var elapsed = clock.Elapsed;
                    var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                    var allocatedPerReading = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)Math.Max(1, count);
                    var expected = (long)(span.TotalHours * LinesPerHour);
                    Console.WriteLine($"{name,-5} run {run + 1}: first reading after {firstReading?.TotalMilliseconds ?? 0,7:F1} ms; " +
                        $"{count} readings ({bytes / 1e6:F1} MB) in {elapsed.TotalSeconds,6:F2} s: {count / elapsed.TotalSeconds,8:F0} readings/s; " +
                        $"CPU {cpuUsed.TotalSeconds:F2} s ({count / cpuUsed.TotalSeconds:F0} readings per CPU-second), {allocatedPerReading:F0} B allocated per reading" +
                        (count == expected ? "" : $"  MISMATCH: expected {expected}"));
                    if (count != expected) return 1;
                }
            }
            await host.StopAsync();
        }
        finally
        {
            if (s3 is not null) await s3.DisposeAsync();
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
        return 0;
    }

    private static byte[] Gzip(DateTimeOffset hour)
    {
        var epoch2000 = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var baseTime = (long)(hour - epoch2000).TotalSeconds;
        var text = new StringBuilder(LinesPerHour * 220);
        for (var n = 0; n < LinesPerHour; n++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": {baseTime + (6 * n)}, \"Demand\": {(n * 13) % 5000}, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}}\n");
        }
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text.ToString()));
        }
        return compressed.ToArray();
    }
}

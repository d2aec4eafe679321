using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rainforest.Domain.HourFiles;
using Rainforest.Testing;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Hosting;
using Rainforest.Archive.Status;

// Usage: dotnet run -c Release --project bench/Rainforest.Archive.Benchmark -- [files=10000] [lines=600] [parallel=<MaxParallelShipments>]
//    or: ... -- mode=readings [store=s3|folder] [days=31] [runs=3]   (reading one user's archive back; see ReadingsBenchmark)
// Fills a logs directory with finished user-hours (one reading every 6 s), starts s3rver and an in-process
// silo whose shipper ships them at start through the hour archive grains, and times it until every file is
// confirmed and deleted. Needs `npm ci --prefix tools/s3rver`.
var settings = args.Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "true");
if (settings.GetValueOrDefault("mode") == "readings") return await ReadingsBenchmark.RunAsync(settings);
var files = int.Parse(settings.GetValueOrDefault("files", "10000"), CultureInfo.InvariantCulture);
var lines = int.Parse(settings.GetValueOrDefault("lines", "600"), CultureInfo.InvariantCulture);
var parallel = settings.GetValueOrDefault("parallel", new ArchiveOptions().MaxParallelShipments.ToString(CultureInfo.InvariantCulture));

var root = Path.Combine(Path.GetTempPath(), "rainforest-archive-bench-" + Guid.NewGuid().ToString("n"));
var logs = Path.Combine(root, "logs");
var hour = DateTimeOffset.UtcNow.AddHours(-2);
hour = new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero);

Console.WriteLine($"files={files} lines={lines} parallel={parallel} cores={Environment.ProcessorCount}");
var fill = Stopwatch.StartNew();
var rawBytes = Fill(logs, hour, files, lines);
Console.WriteLine($"filled {files} hour files, {rawBytes / 1e6:F0} MB, in {fill.Elapsed.TotalSeconds:F1} s");

var s3 = new S3Server();
await s3.InitializeAsync();
Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", S3Server.AccessKey);
Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", S3Server.SecretKey);
Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
try
{
    var builder = Host.CreateApplicationBuilder();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Rainforest:Logs:Directory"] = logs,
        ["Rainforest:Archive:Bucket"] = s3.Bucket,
        ["Rainforest:Archive:ServiceUrl"] = s3.ServiceUrl,
        ["Rainforest:Archive:MaxParallelShipments"] = parallel,
    });
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.UseOrleans(silo => silo.UseLocalhostClustering().AddRainforestArchive(builder.Configuration));
    using var host = builder.Build();
    var health = host.Services.GetRequiredService<ArchiveHealth>();

    var clock = Stopwatch.StartNew();
    await host.StartAsync();
    var started = clock.Elapsed;
    var lastReport = TimeSpan.Zero;
    while (health.Snapshot().HoursShipped < files)
    {
        await Task.Delay(100);
        if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(15))
        {
            lastReport = clock.Elapsed;
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F0} s: {health.Snapshot().HoursShipped} shipped");
        }
        if (health.Snapshot().Failing) Console.WriteLine($"  failing: {health.Snapshot().LastError}");
    }
    var elapsed = clock.Elapsed;
    var left = Directory.EnumerateFiles(logs, "*.jl", SearchOption.AllDirectories).Count();
    var objects = (await s3.ListKeysAsync(ArchiveOptions.DefaultPrefix + "/")).Count;
    var sample = await s3.GetGzipLinesAsync(HourFileLayout.ObjectKey(ArchiveOptions.DefaultPrefix, CloudIdOf(files / 2), hour));
    await host.StopAsync();

    var shipping = elapsed - started;
    Console.WriteLine($"silo start {started.TotalSeconds:F1} s; shipped {files} files in {shipping.TotalSeconds:F1} s " +
        $"({elapsed.TotalSeconds:F1} s from start): {files / shipping.TotalSeconds:F0} files/s, {rawBytes / 1e6 / shipping.TotalSeconds:F1} MB/s of hour files");
    Console.WriteLine($"check: {objects} objects in the bucket, {left} hour files left, sample object has {sample?.Count ?? 0} lines (expected {lines})");
    if (objects != files || left != 0 || sample?.Count != lines) return 1;
}
finally
{
    await s3.DisposeAsync();
    Directory.Delete(root, recursive: true);
}
return 0;

static long Fill(string logs, DateTimeOffset hour, int files, int lines)
{
    var epoch2000 = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    var baseTime = (long)(hour - epoch2000).TotalSeconds;
    long total = 0;
    Parallel.For(0, files, () => new StringBuilder(lines * 220), (i, _, text) =>
    {
        text.Clear();
        for (var n = 0; n < lines; n++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": {2112161845476631 + i}, \"TimeStamp\": {baseTime + (6 * n)}, \"Demand\": {(i * 7 + n * 13) % 5000}, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, \"SuppressLeadingZero\": \"Y\"}}\n");
        }
        var path = HourFileLayout.LocalPath(logs, CloudIdOf(i), hour);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        File.WriteAllBytes(path, bytes);
        Interlocked.Add(ref total, bytes.Length);
        return text;
    }, _ => { });
    return total;
}

static string CloudIdOf(int i) => i.ToString("x6", CultureInfo.InvariantCulture);

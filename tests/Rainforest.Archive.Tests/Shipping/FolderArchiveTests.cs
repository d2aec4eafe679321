using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Rainforest.Archive.Tests.Support;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Rotation;
using Rainforest.Archive.Stores;
using Rainforest.Archive.Telemetry;

namespace Rainforest.Archive.Tests.Shipping;

public sealed class FolderArchiveTests
{
    private static readonly DateTimeOffset Hour17 = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static Dictionary<string, string?> FolderSettings() => new() { ["Rainforest:Archive:Prefix"] = "rainforest-logs" };

    [Fact]
    public async Task Without_a_bucket_hours_go_to_the_folder_archive_with_the_same_layout()
    {
        var first = HourFileWriter.Readings(Hour17, 300);
        var second = HourFileWriter.Readings(Hour17.AddMinutes(30), 300);
        var paths = new string[2];
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(1).AddMinutes(1), FolderSettings(), silos: 2,
            prepare: (silo, logs) => paths[silo] = HourFileWriter.Write(logs, "f01de5", Hour17, silo == 0 ? second : first));

        await Eventually.Until(() => Task.FromResult(paths.All(p => !File.Exists(p))), Deadline, "both parts to be archived");

        var archived = Path.Combine(cluster.ArchiveDirectory, "rainforest-logs", "f01de5", "2026", "03", "10", "iseif-rainforest-f01de5-2026-03-10-17.jl.gz");
        Assert.Equal(first.Concat(second), S3Server.Gunzip(await File.ReadAllBytesAsync(archived)));
        // Written through a temporary file and a rename: none is left behind.
        Assert.Equal([archived], Directory.GetFiles(cluster.ArchiveDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_archived_object_that_cannot_be_read_is_kept_aside_never_replaced_with_less()
    {
        var lines = HourFileWriter.Readings(Hour17, 30);
        string path = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(1).AddMinutes(1), FolderSettings(),
            prepare: (_, logs) => path = HourFileWriter.Write(logs, "f01de5", Hour17, lines));
        await Eventually.Until(() => Task.FromResult(!File.Exists(path)), Deadline, "the hour to be archived");
        var archived = Path.Combine(cluster.ArchiveDirectory, "rainforest-logs", "f01de5", "2026", "03", "10", "iseif-rainforest-f01de5-2026-03-10-17.jl.gz");

        await File.WriteAllTextAsync(archived, "damaged by someone else");
        var more = HourFileWriter.Readings(Hour17.AddMinutes(40), 10);
        HourFileWriter.Write(cluster.LogsDirectory(0), "f01de5", Hour17, more);
        await cluster.Shipper(0).ShipAsync(includeCurrentHour: false, CancellationToken.None);

        Assert.False(File.Exists(path));
        Assert.Equal(more, S3Server.Gunzip(await File.ReadAllBytesAsync(archived)));
        var aside = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(archived)!, "*.unreadable-*"));
        Assert.Equal("damaged by someone else", await File.ReadAllTextAsync(aside));
    }

    [Fact]
    public async Task The_folder_store_confirms_what_it_wrote_and_refuses_a_stale_write()
    {
        var root = Path.Combine(Path.GetTempPath(), "rainforest-folder-" + Guid.NewGuid().ToString("n"));
        try
        {
            await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
            var meters = services.GetRequiredService<IMeterFactory>();
            using var uploaded = new MetricCollector<long>(meters, ArchiveMetrics.MeterName, "rainforest.archive.uploaded_bytes");
            var options = Microsoft.Extensions.Options.Options.Create(new ArchiveOptions { Directory = root });
            var store = new FolderArchiveStore(options, new ArchiveMetrics(meters));
            var content = HourContent.Encode([new HourLine(HourFileWriter.Record(Hour17, 1), 1)]);

            var etag = await store.WriteAsync("p/a/b.jl.gz", content, null, CancellationToken.None);

            Assert.Equal(ContentHash.ETagOf(content), etag);
            Assert.Equal(content.Length, Assert.Single(uploaded.GetMeasurementSnapshot()).Value);
            Assert.Equal(content, (await store.ReadAsync("p/a/b.jl.gz", CancellationToken.None))!.Content);
            var stale = await Assert.ThrowsAsync<ArchiveStoreException>(() => store.WriteAsync("p/a/b.jl.gz", content, null, CancellationToken.None));
            Assert.Equal(ArchiveErrorKind.Conflict, stale.Kind);
            var escape = await Assert.ThrowsAsync<ArchiveStoreException>(() => store.WriteAsync("../outside.gz", content, null, CancellationToken.None));
            Assert.Equal(ArchiveErrorKind.Permanent, escape.Kind);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

using Microsoft.Extensions.Logging;
using Rainforest.Archive.Tests.Support;

namespace Rainforest.Archive.Tests.Shipping;

[Collection(S3Collection.Name)]
public sealed class ShutdownTests(S3Server s3)
{
    private static readonly DateTimeOffset Hour18 = new(2026, 3, 10, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_stopping_silo_ships_its_partial_hour_through_a_silo_that_stays()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var partial = HourFileWriter.Readings(Hour18, 100);
        string path = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour18.AddMinutes(10), ArchiveCluster.S3Settings(s3, prefix), silos: 2,
            prepare: (silo, logs) =>
            {
                if (silo == 1) path = HourFileWriter.Write(logs, "5709ed", Hour18, partial);
            });
        var key = HourFileLayout.ObjectKey(prefix, "5709ed", Hour18);

        // While running, the current hour belongs to the user grain.
        await cluster.Shipper(1).ShipAsync(includeCurrentHour: false, CancellationToken.None);
        Assert.True(File.Exists(path));

        await cluster.Cluster.StopSiloAsync(cluster.Silo(1));

        Assert.False(File.Exists(path));
        Assert.Equal(partial, await s3.GetGzipLinesAsync(key));
        Assert.DoesNotContain(cluster.LogsOf<HourShipment>(), e => e.Message.Contains("merged into the archive by this stopping silo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_last_silo_to_stop_ships_its_partial_hour_itself()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var partial = HourFileWriter.Readings(Hour18, 100);
        string path = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour18.AddMinutes(10), ArchiveCluster.S3Settings(s3, prefix),
            prepare: (_, logs) => path = HourFileWriter.Write(logs, "5709ee", Hour18, partial));

        await cluster.Cluster.StopAllSilosAsync();

        Assert.False(File.Exists(path));
        Assert.Equal(partial, await s3.GetGzipLinesAsync(HourFileLayout.ObjectKey(prefix, "5709ee", Hour18)));
        Assert.Contains(cluster.LogsOf<HourShipment>(), e => e.Message.Contains("merged into the archive by this stopping silo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_cannot_be_shipped_at_stop_stays_on_disk()
    {
        var settings = ArchiveCluster.S3Settings(s3, ArchiveCluster.NewPrefix());
        settings["Rainforest:Archive:Bucket"] = "no-such-bucket";
        string path = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour18.AddMinutes(10), settings,
            prepare: (_, logs) => path = HourFileWriter.Write(logs, "5709ef", Hour18, HourFileWriter.Readings(Hour18, 10)));

        await cluster.Cluster.StopAllSilosAsync();

        Assert.True(File.Exists(path));
        Assert.Contains(cluster.LogsOf<ShippingSchedule>(LogLevel.Information), e => e.Message.Contains("left on disk for the next start", StringComparison.Ordinal));
    }
}

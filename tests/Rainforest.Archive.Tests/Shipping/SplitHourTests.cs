using Rainforest.Archive.Tests.Support;

namespace Rainforest.Archive.Tests.Shipping;

[Collection(S3Collection.Name)]
public sealed class SplitHourTests(S3Server s3)
{
    private static readonly DateTimeOffset Hour17 = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_user_hour_split_across_two_silos_becomes_one_object_with_every_line_in_time_order()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var all = HourFileWriter.Readings(Hour17, 600);
        // The grain moved mid-hour: each silo holds part, with an overlap logged on both.
        var first = all.Take(320).ToList();
        var second = all.Skip(300).ToList();
        // The gateway repeated a reading: the same line twice in a row.
        second.Insert(50, second[49]);
        var paths = new string[2];

        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(1).AddMinutes(1), ArchiveCluster.S3Settings(s3, prefix), silos: 2,
            prepare: (silo, logs) => paths[silo] = HourFileWriter.Write(logs, "5011ed", Hour17, silo == 0 ? first : second));
        var key = HourFileLayout.ObjectKey(prefix, "5011ed", Hour17);

        await Eventually.Until(() => Task.FromResult(paths.All(p => !File.Exists(p))), Deadline, "both parts to be shipped");

        Assert.Equal(all, await s3.GetGzipLinesAsync(key));
        Assert.Equal([key], await s3.ListKeysAsync(prefix + "/"));
    }

    [Fact]
    public async Task An_object_is_never_rewritten_with_fewer_lines()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var all = HourFileWriter.Readings(Hour17, 200);
        string path = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(1).AddMinutes(1), ArchiveCluster.S3Settings(s3, prefix),
            prepare: (_, logs) => path = HourFileWriter.Write(logs, "5011ed", Hour17, all));
        var key = HourFileLayout.ObjectKey(prefix, "5011ed", Hour17);
        await Eventually.Until(() => Task.FromResult(!File.Exists(path)), Deadline, "the hour to be shipped");
        var before = await s3.GetAsync(key);

        // A part with a subset of the lines (say, a silo restored from an old disk) is shipped again.
        HourFileWriter.Write(cluster.LogsDirectory(0), "5011ed", Hour17, all.Where((_, i) => i % 3 == 0));
        var pass = await cluster.Shipper(0).ShipAsync(includeCurrentHour: false, CancellationToken.None);

        Assert.Equal(1, pass.Shipped);
        Assert.False(File.Exists(path), "a part already in the archive is confirmed and deleted");
        var after = await s3.GetAsync(key);
        Assert.Equal(before!.Value.ETag, after!.Value.ETag);
        Assert.Equal(all, S3Server.Gunzip(after.Value.Content));
    }

    [Fact]
    public async Task A_later_part_is_merged_into_an_object_already_shipped()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var all = HourFileWriter.Readings(Hour17, 100);
        string path = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(1).AddMinutes(1), ArchiveCluster.S3Settings(s3, prefix),
            prepare: (_, logs) => path = HourFileWriter.Write(logs, "5011ed", Hour17, all.Skip(40)));
        var key = HourFileLayout.ObjectKey(prefix, "5011ed", Hour17);
        await Eventually.Until(() => Task.FromResult(!File.Exists(path)), Deadline, "the first part to be shipped");

        HourFileWriter.Write(cluster.LogsDirectory(0), "5011ed", Hour17, all.Take(50));
        await cluster.Shipper(0).ShipAsync(includeCurrentHour: false, CancellationToken.None);

        Assert.False(File.Exists(path));
        Assert.Equal(all, await s3.GetGzipLinesAsync(key));
    }
}

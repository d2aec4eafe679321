using Microsoft.Extensions.Logging;
using Rainforest.Archive.Tests.Support;
using Rainforest.Archive.Hosting;
using Rainforest.Archive.Status;

namespace Rainforest.Archive.Tests.Shipping;

[Collection(S3Collection.Name)]
public sealed class ShippingToS3Tests(S3Server s3)
{
    private static readonly DateTimeOffset Hour17 = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_finished_hour_is_shipped_after_the_rollover_and_its_file_deleted()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var lines = HourFileWriter.Readings(Hour17.AddMinutes(3), 600);
        string path = string.Empty;
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(1), ArchiveCluster.S3Settings(s3, prefix),
            prepare: (_, logs) => path = HourFileWriter.Write(logs, "00a1ff", Hour17, lines));
        var key = HourFileLayout.ObjectKey(prefix, "00a1ff", Hour17);

        // Until ShipDelay (45 s) after the hour the user grain may still write: nothing moves.
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(44));
        Assert.True(File.Exists(path));
        Assert.Null(await s3.GetAsync(key));

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(2));
        await Eventually.Until(() => Task.FromResult(!File.Exists(path)), Deadline, "the hour file to be shipped and deleted");

        Assert.Equal(lines, await s3.GetGzipLinesAsync(key));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)), "the emptied hour folder is removed");
        var status = await Eventually.Until(cluster.StatusAsync, s => s.HoursShipped == 1, Deadline, "the shipped hour in the status");
        Assert.Equal(0, status.BacklogFiles);
        Assert.False(status.Failing);
    }

    [Fact]
    public async Task Summation_and_price_hour_files_are_shipped_beside_the_demand_object_and_never_mixed_into_it()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var demand = HourFileWriter.Readings(Hour17.AddMinutes(3), 60);
        var summation = Enumerable.Range(0, 10).Select(i => HourFileWriter.SummationRecord(Hour17.AddMinutes(3 + i), 1_000_000UL + (ulong)i)).ToList();
        var price = Enumerable.Range(0, 10).Select(i => HourFileWriter.PriceRecord(Hour17.AddMinutes(3 + i), 12UL + (ulong)i)).ToList();
        string demandPath = "", summationPath = "", pricePath = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(1), ArchiveCluster.S3Settings(s3, prefix), prepare: (_, logs) =>
        {
            demandPath = HourFileWriter.Write(logs, "00a1ff", Hour17, demand);
            summationPath = HourFileWriter.Write(logs, "00a1ff", Hour17, summation, kind: RecordKind.Summation);
            pricePath = HourFileWriter.Write(logs, "00a1ff", Hour17, price, kind: RecordKind.Price);
        });
        Assert.EndsWith("/2026-03-10-17/iseif-rainforest-summation-00a1ff-2026-03-10-17.jl", summationPath, StringComparison.Ordinal);

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(46));
        await Eventually.Until(() => Task.FromResult(!File.Exists(demandPath) && !File.Exists(summationPath) && !File.Exists(pricePath)),
            Deadline, "the three hour files to be shipped and deleted");

        Assert.Equal(demand, await s3.GetGzipLinesAsync(HourFileLayout.ObjectKey(prefix, "00a1ff", Hour17)));
        Assert.Equal(summation, await s3.GetGzipLinesAsync($"{prefix}/00a1ff/2026/03/10/iseif-rainforest-summation-00a1ff-2026-03-10-17.jl.gz"));
        Assert.Equal(price, await s3.GetGzipLinesAsync($"{prefix}/00a1ff/2026/03/10/iseif-rainforest-price-00a1ff-2026-03-10-17.jl.gz"));
        var status = await Eventually.Until(cluster.StatusAsync, s => s.HoursShipped == 3, Deadline, "three shipped hour files in the status");
        Assert.False(status.Failing);
    }

    [Fact]
    public async Task Leftovers_of_a_killed_process_are_shipped_at_start_without_the_torn_line()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var hour16 = Hour17.AddHours(-1);
        var hour18 = Hour17.AddHours(1);
        var torn16 = HourFileWriter.Readings(hour16, 300);
        var mixed17 = HourFileWriter.Readings(Hour17, 300);
        var current = HourFileWriter.Readings(hour18, 20);
        string path16 = "", path17 = "", path18 = "";
        var withInvalid = mixed17.Take(100).Append("{\"DeviceMacId\": oops").Concat(mixed17.Skip(100)).ToList();

        await using var cluster = await ArchiveCluster.StartAsync(hour18.AddMinutes(10), ArchiveCluster.S3Settings(s3, prefix), prepare: (_, logs) =>
        {
            path16 = HourFileWriter.Write(logs, "0000aa", hour16, torn16, tornTail: "{\"DeviceMacId\": 15624597891882953451, \"MeterMa");
            path17 = HourFileWriter.Write(logs, "0000aa", Hour17, withInvalid);
            // The hour still running belongs to the user grain, which repairs its tail itself.
            path18 = HourFileWriter.Write(logs, "0000aa", hour18, current, tornTail: "{\"Devi");
        });

        await Eventually.Until(() => Task.FromResult(!File.Exists(path16) && !File.Exists(path17)), Deadline, "the leftover hours to be shipped");

        Assert.Equal(torn16, await s3.GetGzipLinesAsync(HourFileLayout.ObjectKey(prefix, "0000aa", hour16)));
        Assert.Equal(mixed17, await s3.GetGzipLinesAsync(HourFileLayout.ObjectKey(prefix, "0000aa", Hour17)));
        Assert.True(File.Exists(path18));
        Assert.EndsWith("{\"Devi", await File.ReadAllTextAsync(path18));
        Assert.Null(await s3.GetAsync(HourFileLayout.ObjectKey(prefix, "0000aa", hour18)));
    }

    [Fact]
    public async Task Files_and_folders_that_are_not_ours_are_left_alone()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var foreign = new List<string>();
        string ours = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(2), ArchiveCluster.S3Settings(s3, prefix), prepare: (_, logs) =>
        {
            ours = HourFileWriter.Write(logs, "abcdef", Hour17, HourFileWriter.Readings(Hour17, 5));
            var hourFolder = Path.GetDirectoryName(ours)!;
            foreign.Add(Path.Combine(logs, "README.txt"));
            foreign.Add(Path.Combine(hourFolder, "notes.txt"));
            foreign.Add(Path.Combine(hourFolder, "iseif-rainforest-ABCDEF-2026-03-10-17.jl"));
            foreign.Add(Path.Combine(hourFolder, "iseif-rainforest-abcdef-2026-03-10-16.jl"));
            foreach (var file in foreign) File.WriteAllText(file, "not a reading\n");
            Directory.CreateDirectory(Path.Combine(logs, "backup"));
            foreign.Add(Path.Combine(logs, "backup"));
        });

        await Eventually.Until(() => Task.FromResult(!File.Exists(ours)), Deadline, "our hour file to be shipped");
        var status = await Eventually.Until(cluster.StatusAsync, s => s.Silos.Count == 1 && s.Silos[0].ForeignEntries == 5, Deadline, "the foreign entries in the status");

        Assert.All(foreign, path => Assert.True(File.Exists(path) || Directory.Exists(path), path));
        Assert.True(Directory.Exists(Path.GetDirectoryName(ours)), "a folder still holding foreign files is kept");
        Assert.Equal(5, status.Silos[0].ForeignEntries);
        Assert.Single(await s3.ListKeysAsync(prefix + "/"));
    }

    [Fact]
    public async Task A_missing_bucket_is_a_permanent_error_in_the_status_and_nothing_is_deleted()
    {
        var settings = ArchiveCluster.S3Settings(s3, ArchiveCluster.NewPrefix());
        settings["Rainforest:Archive:Bucket"] = "no-such-bucket";
        string path = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(2), settings,
            prepare: (_, logs) => path = HourFileWriter.Write(logs, "00beef", Hour17, HourFileWriter.Readings(Hour17, 10)));

        var status = await Eventually.Until(cluster.StatusAsync, s => s.Failing, Deadline, "the failure in the status");

        var silo = Assert.Single(status.Silos);
        Assert.Equal(ArchiveErrorKind.Permanent, silo.LastErrorKind);
        Assert.Contains("NoSuchBucket", silo.LastError);
        Assert.Equal(1, silo.BacklogFiles);
        Assert.NotNull(silo.OldestBacklogAge);
        Assert.True(File.Exists(path));

        // Still retried, still kept, and logged loudly once rather than per attempt.
        var attempts = cluster.LogsOf<ArchiveHealth>().Count();
        await cluster.AdvanceUntilAsync(() => Task.FromResult(cluster.LogsOf<ArchiveHealth>().Count() >= attempts + 2), Deadline, "more retries");
        Assert.True(File.Exists(path));
        var error = Assert.Single(cluster.LogsOf<ArchiveHealth>(LogLevel.Error));
        Assert.Contains("NoSuchBucket", error.Message);
    }

    [Fact]
    public async Task Wrong_credentials_are_a_permanent_error_and_nothing_is_deleted()
    {
        string path = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(2), ArchiveCluster.S3Settings(s3, ArchiveCluster.NewPrefix()),
            services: (_, services) => services.AddKeyedSingleton(ArchiveSiloBuilderExtensions.CredentialsKey, ArchiveCluster.WrongCredentials()),
            prepare: (_, logs) => path = HourFileWriter.Write(logs, "00beef", Hour17, HourFileWriter.Readings(Hour17, 10)));

        var status = await Eventually.Until(cluster.StatusAsync, s => s.Failing, Deadline, "the failure in the status");

        Assert.Equal(ArchiveErrorKind.Permanent, status.Silos[0].LastErrorKind);
        Assert.Contains("InvalidAccessKeyId", status.Silos[0].LastError);
        Assert.True(File.Exists(path));
    }
}

using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Readings;
using Rainforest.Archive.Stores;
using Rainforest.Archive.Telemetry;
using Rainforest.Archive.Tests.Support;

namespace Rainforest.Archive.Tests.Readings;

public sealed class UserReadingsTests : IAsyncLifetime
{
    private const string User = "0a1b2c";
    private static readonly DateTimeOffset Hour17 = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rainforest-readings-" + Guid.NewGuid().ToString("n"));
    private ServiceProvider _services = null!;
    private IArchiveStore _store = null!;
    private IOptions<ArchiveOptions> _archive = null!;
    private IOptions<LogsOptions> _logs = null!;

    private string LogsDirectory => Path.Combine(_root, "logs");

    public Task InitializeAsync()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _archive = Microsoft.Extensions.Options.Options.Create(new ArchiveOptions { Directory = Path.Combine(_root, "archive") });
        _logs = Microsoft.Extensions.Options.Options.Create(new LogsOptions { Directory = LogsDirectory });
        _store = new FolderArchiveStore(_archive, new ArchiveMetrics(_services.GetRequiredService<IMeterFactory>()));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task An_hour_merges_archive_and_local_lines_sorted_by_gateway_time_each_line_once()
    {
        var archived = new[] { Reading(0, 100), Reading(12, 102), Reading(24, 104) };
        var local = new[] { Reading(12, 102), Reading(6, 101), Reading(18, 103) };
        await ArchiveAsync(Hour17, archived);
        HourFileWriter.Write(LogsDirectory, User, Hour17, local, tornTail: "{\"DeviceMacId\": 1, \"Meter");

        var lines = await Reader().ReadHourAsync(User, Hour17, Hour17, Hour17.AddHours(1), CancellationToken.None);

        Assert.Equal([Reading(0, 100), Reading(6, 101), Reading(12, 102), Reading(18, 103), Reading(24, 104)], lines.Select(l => l.Line));
        Assert.Equal([0.1, 0.101, 0.102, 0.103, 0.104], lines.Select(l => l.Reading.Kilowatts));
    }

    [Fact]
    public async Task Only_readings_from_from_up_to_but_not_including_to_are_kept()
    {
        await ArchiveAsync(Hour17, [Reading(0, 1), Reading(6, 2), Reading(12, 3), Reading(18, 4)]);

        var lines = await Reader().ReadHourAsync(User, Hour17, Hour17.AddSeconds(6), Hour17.AddSeconds(18), CancellationToken.None);

        Assert.Equal([Reading(6, 2), Reading(12, 3)], lines.Select(l => l.Line));
        // Bounds between whole seconds: a reading counts by its own second.
        lines = await Reader().ReadHourAsync(User, Hour17, Hour17.AddSeconds(5.5), Hour17.AddSeconds(12.5), CancellationToken.None);
        Assert.Equal([Reading(6, 2), Reading(12, 3)], lines.Select(l => l.Line));
    }

    [Fact]
    public async Task An_hour_with_neither_object_nor_file_is_empty_and_a_file_without_a_complete_line_adds_nothing()
    {
        Assert.Empty(await Reader().ReadHourAsync(User, Hour17, Hour17, Hour17.AddHours(1), CancellationToken.None));

        HourFileWriter.Write(LogsDirectory, User, Hour17, [], tornTail: Reading(0, 1));
        Assert.Empty(await Reader().ReadHourAsync(User, Hour17, Hour17, Hour17.AddHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task A_file_the_logger_holds_open_for_appending_is_read()
    {
        var path = HourFileWriter.Write(LogsDirectory, User, Hour17, [Reading(0, 1)]);
        await using var writer = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        await writer.WriteAsync(Encoding.UTF8.GetBytes(Reading(6, 2) + "\n"));
        await writer.FlushAsync();

        var lines = await Reader().ReadHourAsync(User, Hour17, Hour17, Hour17.AddHours(1), CancellationToken.None);

        Assert.Equal([Reading(0, 1), Reading(6, 2)], lines.Select(l => l.Line));
    }

    [Fact]
    public async Task An_archive_that_cannot_be_read_fails_the_hour_instead_of_shortening_it()
    {
        HourFileWriter.Write(LogsDirectory, User, Hour17, [Reading(0, 1)]);
        var reader = new UserReadings(new UnreadableStore(), _archive, new LocalHourFiles(_logs));

        var failure = await Assert.ThrowsAsync<ArchiveStoreException>(
            () => reader.ReadHourAsync(User, Hour17, Hour17, Hour17.AddHours(1), CancellationToken.None));
        Assert.Equal(ArchiveErrorKind.Transient, failure.Kind);
    }

    [Fact]
    public void Merge_skips_lines_that_are_not_demand_records()
    {
        var merged = UserReadings.Merge([Lines("not json", Reading(6, 2), "{\"other\": 1}"), Lines(Reading(0, 1))], Hour17, Hour17.AddHours(1));

        Assert.Equal([Reading(0, 1), Reading(6, 2)], merged.Select(l => l.Line));
    }

    [Fact]
    public void Merge_keeps_equal_times_in_the_order_logged_and_drops_repeats_from_any_source()
    {
        var a = Reading(12, 1);
        var c = Reading(12, 3);
        var e = Reading(12, 5);
        // The archive as the old system wrote it (unsorted), then a silo's part repeating one of its lines.
        var merged = UserReadings.Merge([Lines(a, Reading(0, 2), c), Lines(a, Reading(6, 4), e)], Hour17, Hour17.AddHours(1));

        Assert.Equal([Reading(0, 2), Reading(6, 4), a, c, e], merged.Select(l => l.Line));
    }

    [Fact]
    public void The_hours_of_a_range_cover_its_partial_first_and_last_hours_and_exclude_to()
    {
        Assert.Equal([Hour17, Hour17.AddHours(1)], UserReadings.HoursOf(Hour17.AddMinutes(59), Hour17.AddHours(1).AddMinutes(1)));
        Assert.Equal([Hour17], UserReadings.HoursOf(Hour17, Hour17.AddHours(1)));
    }

    [Fact]
    public async Task Readings_near_an_hour_boundary_come_out_in_gateway_time_order_whichever_hour_file_holds_them()
    {
        var hour16 = Hour17.AddHours(-1);
        var hour18 = Hour17.AddHours(1);
        // A gateway clock ahead of the poller's: polled before 17:00, stamped after; polled before 18:00, stamped after.
        HourFileWriter.Write(LogsDirectory, User, hour16, [Reading(-30, 1), Reading(1, 2)]);
        await ArchiveAsync(Hour17, [Reading(6, 3), Reading(3602, 5)]);
        // A gateway clock behind: polled after 18:00, stamped before.
        HourFileWriter.Write(LogsDirectory, User, hour18, [Reading(3598, 4), Reading(3606, 6)]);

        Assert.Equal([Reading(1, 2), Reading(6, 3), Reading(3598, 4), Reading(3602, 5), Reading(3606, 6)],
            await ReadAllAsync(Reader(), Hour17, hour18.AddMinutes(1)));
        // The hour after the range is read too: it may hold readings stamped before its end.
        Assert.Equal([Reading(1, 2), Reading(6, 3), Reading(3598, 4)], await ReadAllAsync(Reader(), Hour17, hour18));
    }

    [Fact]
    public async Task Every_part_of_an_hour_not_shipped_yet_is_merged_with_the_archive_each_line_once()
    {
        await ArchiveAsync(Hour17, [Reading(0, 1), Reading(6, 2)]);
        // A user moved mid-hour: one silo holds the first part, another the rest (and a line already archived).
        var parts = new FixedParts(Hour17, Lines(Reading(6, 2), Reading(12, 3)), Lines(Reading(24, 5), Reading(18, 4), Reading(0, 1)));

        Assert.Equal([Reading(0, 1), Reading(6, 2), Reading(12, 3), Reading(18, 4), Reading(24, 5)],
            await ReadAllAsync(new UserReadings(_store, _archive, parts), Hour17, Hour17.AddHours(1)));
    }

    [Fact]
    public async Task A_silo_that_cannot_give_its_part_fails_the_read_instead_of_shortening_it()
    {
        await ArchiveAsync(Hour17, [Reading(0, 1)]);
        var reader = new UserReadings(_store, _archive, new FixedParts(Hour17.AddHours(1)));

        await Assert.ThrowsAsync<UnshippedHoursUnavailableException>(() => ReadAllAsync(reader, Hour17, Hour17.AddHours(2)));
    }

    [Fact]
    public async Task A_long_range_is_given_out_in_batches_of_at_most_two_hours()
    {
        foreach (var hour in Enumerable.Range(0, 6).Select(h => Hour17.AddHours(h)))
        {
            HourFileWriter.Write(LogsDirectory, User, hour, HourFileWriter.Readings(hour, 600));
        }

        var batches = new List<int>();
        await foreach (var batch in Reader().ReadAsync(User, Hour17, Hour17.AddHours(6), CancellationToken.None)) batches.Add(batch.Count);

        Assert.Equal(3600, batches.Sum());
        Assert.All(batches, count => Assert.InRange(count, 0, 1200));
    }

    private static async Task<List<string>> ReadAllAsync(UserReadings reader, DateTimeOffset from, DateTimeOffset to)
    {
        var lines = new List<string>();
        await foreach (var batch in reader.ReadAsync(User, from, to, CancellationToken.None)) lines.AddRange(batch.Select(r => r.Line));
        return lines;
    }

    private static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));

    /// <summary>The parts several silos hold of one hour; asking for <paramref name="hour"/> fails when no parts are given.</summary>
    private sealed class FixedParts(DateTimeOffset hour, params byte[][] parts) : IUnshippedHours
    {
        public Task<IReadOnlyList<byte[]>> ReadAsync(string cloudId, DateTimeOffset hourUtc, RecordKind kind, CancellationToken cancellationToken)
        {
            if (hourUtc != hour) return Task.FromResult<IReadOnlyList<byte[]>>([]);
            if (parts.Length == 0) throw new UnshippedHoursUnavailableException("silo 2", new TimeoutException("no answer"));
            return Task.FromResult<IReadOnlyList<byte[]>>(parts);
        }
    }

    private UserReadings Reader() => new(_store, _archive, new LocalHourFiles(_logs));

    private static string Reading(int seconds, int demand) => HourFileWriter.Record(Hour17.AddSeconds(seconds), demand);

    private async Task ArchiveAsync(DateTimeOffset hour, IEnumerable<string> lines)
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var line in lines) await gzip.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        }
        await _store.WriteAsync(HourFileLayout.ObjectKey(_archive.Value.Prefix, User, hour), compressed.ToArray(), null, CancellationToken.None);
    }

    private sealed class UnreadableStore : IArchiveStore
    {
        public string Target => "nowhere";

        public Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken) =>
            throw new ArchiveStoreException(ArchiveErrorKind.Transient, "ServiceUnavailable", "The store is down.");

        public Task<string> WriteAsync(string key, byte[] content, string? expectedETag, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}

using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rainforest.Domain.HourFiles;
using Rainforest.Grains.Logging;

namespace Rainforest.Grains.Tests;

public sealed class HourLogTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private readonly string _logs = Path.Combine(Path.GetTempPath(), "rainforest-hourlog-" + Guid.NewGuid().ToString("n"));

    [Fact]
    public void A_torn_last_line_left_by_a_crash_is_cut_before_the_next_line()
    {
        var path = HourFileLayout.LocalPath(_logs, "00a001", Hour);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\"a\": 1}\n{\"b\": ");

        using var log = new HourLog(_logs, "00a001", Budget(10), NullLogger.Instance);
        log.Append(Hour.AddMinutes(5), "{\"c\": 3}");

        Assert.Equal(["{\"a\": 1}", "{\"c\": 3}"], File.ReadAllLines(path));
        Assert.Equal(2, HourLog.CountLines(_logs, "00a001", Hour));
    }

    [Fact]
    public void Without_a_free_descriptor_every_line_is_still_written_and_no_file_stays_open()
    {
        var budget = Budget(0);
        using var log = new HourLog(_logs, "00a002", budget, NullLogger.Instance);
        for (var i = 0; i < 5; i++) log.Append(Hour.AddSeconds(6 * i), $"{{\"n\": {i}}}");

        var path = HourFileLayout.LocalPath(_logs, "00a002", Hour);
        Assert.Equal(5, File.ReadAllLines(path).Length);
        File.Delete(path); // would still be held open (and keep growing) if a handle were kept
        log.Append(Hour.AddMinutes(1), "{\"n\": 5}");
        Assert.Equal(["{\"n\": 5}"], File.ReadAllLines(path));
    }

    [Fact]
    public void An_open_hour_file_holds_one_descriptor_until_the_hour_changes()
    {
        var budget = Budget(1);
        using var first = new HourLog(_logs, "00a003", budget, NullLogger.Instance);
        using var second = new HourLog(_logs, "00a004", budget, NullLogger.Instance);

        first.Append(Hour, "{\"n\": 1}");
        second.Append(Hour, "{\"n\": 1}");
        Assert.Equal(1, budget.InUse);

        first.Close();
        Assert.Equal(0, budget.InUse);
        Assert.Single(File.ReadAllLines(HourFileLayout.LocalPath(_logs, "00a004", Hour)));
    }

    [Fact]
    public void Each_line_reaches_the_file_as_its_utf8_bytes_and_a_newline_and_the_file_can_be_read_between_lines()
    {
        // Long enough for the pooled buffer, with characters a plain line never has.
        var longLine = "{\"SuppressLeadingZero\": \"" + new string('\u00e9', 400) + "\"}";
        using var log = new HourLog(_logs, "00a005", Budget(10), NullLogger.Instance);
        var path = HourFileLayout.LocalPath(_logs, "00a005", Hour);

        log.Append(Hour, "{\"n\": 1}");
        Assert.Equal("{\"n\": 1}\n"u8.ToArray(), File.ReadAllBytes(path)); // on disk before Append returns, no buffer held
        log.Append(Hour.AddSeconds(6), longLine);
        log.Append(Hour.AddSeconds(12), "{\"n\": 3}");

        Assert.Equal([.. "{\"n\": 1}\n"u8, .. Encoding.UTF8.GetBytes(longLine + "\n"), .. "{\"n\": 3}\n"u8], File.ReadAllBytes(path));
    }

    [Fact]
    public void A_reopened_hour_file_is_appended_to_after_what_it_holds()
    {
        using (var log = new HourLog(_logs, "00a006", Budget(10), NullLogger.Instance))
        {
            log.Append(Hour, "{\"n\": 1}");
        }

        using var again = new HourLog(_logs, "00a006", Budget(10), NullLogger.Instance);
        again.Append(Hour.AddSeconds(6), "{\"n\": 2}");

        Assert.Equal(["{\"n\": 1}", "{\"n\": 2}"], File.ReadAllLines(HourFileLayout.LocalPath(_logs, "00a006", Hour)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_logs)) Directory.Delete(_logs, recursive: true);
    }

    private static OpenFileBudget Budget(int capacity) =>
        new(new Rainforest.Domain.Descriptors.DescriptorSlots(capacity));
}

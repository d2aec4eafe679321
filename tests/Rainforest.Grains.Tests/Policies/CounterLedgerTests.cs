using Rainforest.Domain.HourFiles;
using Rainforest.Grains.Users;

namespace Rainforest.Grains.Tests.Policies;

public sealed class CounterLedgerTests : IDisposable
{
    private const string CloudId = "00c001";
    private static readonly DateTimeOffset Hour = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);

    private readonly string _logs = Path.Combine(Path.GetTempPath(), "rainforest-ledger-" + Guid.NewGuid().ToString("n"));
    private readonly UserRecord _record = new() { Registered = true };
    private readonly CounterLedger _ledger;

    public CounterLedgerTests() => _ledger = new CounterLedger(() => _record, writeEvery: 3);

    public void Dispose()
    {
        if (Directory.Exists(_logs)) Directory.Delete(_logs, recursive: true);
    }

    [Fact]
    public void A_new_hour_is_named_before_its_first_line_and_starts_its_count_at_zero()
    {
        Assert.True(_ledger.EnterHour(Hour + TimeSpan.FromMinutes(1)));
        Assert.Equal("2026-03-10-17", _record.CurrentHour);
        _ledger.Count(Hour + TimeSpan.FromMinutes(1), 10);

        Assert.False(_ledger.EnterHour(Hour + TimeSpan.FromMinutes(59)));
        Assert.Equal(1, _record.LinesInCurrentHour);

        Assert.True(_ledger.EnterHour(Hour + TimeSpan.FromHours(1)));
        Assert.Equal("2026-03-10-18", _record.CurrentHour);
        Assert.Equal(0, _record.LinesInCurrentHour);
        Assert.Equal(1, _record.TotalEventsLogged);
    }

    [Fact]
    public void Readings_are_counted_with_their_times_and_a_full_batch_asks_for_a_write()
    {
        Assert.False(_ledger.Count(Hour, 10));
        Assert.False(_ledger.Count(Hour + TimeSpan.FromSeconds(6), 16));
        Assert.True(_ledger.Count(Hour + TimeSpan.FromSeconds(12), 22));

        Assert.Equal(3, _record.TotalEventsLogged);
        Assert.Equal(Hour.ToUnixTimeSeconds(), _record.FirstTimestamp);
        Assert.Equal(Hour.ToUnixTimeSeconds() + 12, _record.LastTimestamp);
        Assert.Equal(22UL, _record.LastGatewayTimeStamp);
        Assert.Equal(3, _ledger.Unwritten);
    }

    [Fact]
    public void A_reading_counted_while_a_write_was_under_way_stays_unwritten()
    {
        _ledger.Count(Hour, 10);
        _ledger.Count(Hour + TimeSpan.FromSeconds(6), 16);
        var counted = _ledger.Unwritten;
        _ledger.Count(Hour + TimeSpan.FromSeconds(12), 22);

        _ledger.Written(counted);

        Assert.Equal(1, _ledger.Unwritten);
    }

    [Fact]
    public void Lines_the_counters_missed_before_a_crash_are_counted_from_the_hour_file()
    {
        WriteHourFile(lines: 5);
        _record.CurrentHour = HourStamp.Of(Hour);
        _record.LinesInCurrentHour = 3;
        _record.TotalEventsLogged = 40;

        var recovery = _ledger.RecoverFromHourFile(_logs, CloudId);

        Assert.Equal(new CounterRecovery(true, 2, HourFileLayout.LocalPath(_logs, CloudId, Hour)), recovery);
        Assert.Equal(42, _record.TotalEventsLogged);
        Assert.Equal(5, _record.LinesInCurrentHour);
        Assert.NotNull(_record.LastTimestamp);
    }

    [Fact]
    public void A_file_shorter_than_the_counters_becomes_the_new_baseline_without_uncounting()
    {
        WriteHourFile(lines: 2);
        _record.CurrentHour = HourStamp.Of(Hour);
        _record.LinesInCurrentHour = 7;
        _record.TotalEventsLogged = 40;

        var recovery = _ledger.RecoverFromHourFile(_logs, CloudId);

        Assert.True(recovery.Changed);
        Assert.Equal(0, recovery.Recovered);
        Assert.Equal(2, _record.LinesInCurrentHour);
        Assert.Equal(40, _record.TotalEventsLogged);
    }

    [Fact]
    public void Nothing_to_recover_without_an_hour_or_when_the_counts_agree()
    {
        Assert.Equal(CounterRecovery.None, _ledger.RecoverFromHourFile(_logs, CloudId));

        WriteHourFile(lines: 4);
        _record.CurrentHour = HourStamp.Of(Hour);
        _record.LinesInCurrentHour = 4;
        Assert.Equal(CounterRecovery.None, _ledger.RecoverFromHourFile(_logs, CloudId));
    }

    private void WriteHourFile(int lines)
    {
        var path = HourFileLayout.LocalPath(_logs, CloudId, Hour);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, Enumerable.Range(0, lines).Select(n => $"{{\"n\":{n}}}"));
    }
}

using Rainforest.Archive.Configuration;
using Rainforest.Archive.Rotation;
namespace Rainforest.Archive.Tests.Shipping;

/// <summary>The archive-wide breaker: who trips it, how long it stays open, and that the stop pass ignores it.</summary>
public sealed class ArchiveCircuitTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 18, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);

    private ArchiveCircuit Circuit() => new(Microsoft.Extensions.Options.Options.Create(new ArchiveOptions
    {
        RetryInitialDelay = TimeSpan.FromSeconds(10),
        RetryMaxDelay = TimeSpan.FromSeconds(40),
    }), _clock);

    private static Func<CancellationToken, Task<HourMergeResult>> Returns(HourMergeResult result) => _ => Task.FromResult(result);

    private static HourMergeResult Down() => HourMergeResult.Failed(ArchiveErrorKind.Transient, "ServiceUnavailable", "S3 is down");

    [Fact]
    public async Task Archive_wide_failures_in_a_row_open_it_and_calls_are_not_made_while_open()
    {
        var circuit = Circuit();
        await circuit.CallAsync(Returns(Down()), bypass: false, CancellationToken.None);
        Assert.False(circuit.IsOpen);
        await circuit.CallAsync(Returns(Down()), bypass: false, CancellationToken.None);

        Assert.True(circuit.IsOpen);
        Assert.InRange(circuit.OpenUntil - Now, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12));
        var called = false;
        Assert.Null(await circuit.CallAsync(_ => { called = true; return Task.FromResult(Down()); }, bypass: false, CancellationToken.None));
        Assert.False(called);
    }

    [Fact]
    public async Task A_failure_of_one_file_does_not_open_it()
    {
        var circuit = Circuit();
        var unreadable = HourMergeResult.Failed(ArchiveErrorKind.LocalFile, "IOException", "one file");
        for (var i = 0; i < 5; i++) await circuit.CallAsync(Returns(unreadable), bypass: false, CancellationToken.None);
        Assert.False(circuit.IsOpen);
    }

    [Fact]
    public async Task A_failed_probe_opens_it_for_longer_and_a_good_one_closes_it()
    {
        var circuit = Circuit();
        await circuit.CallAsync(Returns(Down()), bypass: false, CancellationToken.None);
        await circuit.CallAsync(Returns(Down()), bypass: false, CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(13));
        Assert.False(circuit.IsOpen);
        await circuit.CallAsync(Returns(Down()), bypass: false, CancellationToken.None);
        Assert.True(circuit.IsOpen);
        Assert.InRange(circuit.OpenUntil - _clock.GetUtcNow(), TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(24));

        _clock.Advance(TimeSpan.FromSeconds(25));
        var ok = await circuit.CallAsync(_ => Task.FromResult(new HourMergeResult(HourMergeOutcome.Written, 10, 10, 100, default, null, null)), bypass: false, CancellationToken.None);
        Assert.NotNull(ok);
        Assert.False(circuit.IsOpen);
        Assert.True(circuit.OpenUntil < _clock.GetUtcNow());
    }

    [Fact]
    public async Task The_stop_pass_calls_the_archive_even_when_it_is_open()
    {
        var circuit = Circuit();
        await circuit.CallAsync(Returns(Down()), bypass: false, CancellationToken.None);
        await circuit.CallAsync(Returns(Down()), bypass: false, CancellationToken.None);

        Assert.NotNull(await circuit.CallAsync(Returns(Down()), bypass: true, CancellationToken.None));
    }
}

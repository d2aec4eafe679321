using System.Threading.Channels;
using Rainforest.Grains.Users;

namespace Rainforest.Grains.Tests.Policies;

/// <summary>
/// The writer against a store that holds each write until the test lets it land: a writer that passed calls
/// straight through would start several writes at once, one that only queued would write once per request.
/// </summary>
public sealed class StateWriterTests
{
    private readonly Channel<TaskCompletionSource> _writes = Channel.CreateUnbounded<TaskCompletionSource>();
    private readonly List<string> _operations = [];
    private readonly StateWriter _writer;
    private int _inFlight;
    private int _mostInFlight;

    public StateWriterTests() => _writer = new StateWriter(() => StoreAsync("write"), () => StoreAsync("clear"));

    [Fact]
    public async Task Writes_requested_during_a_write_wait_and_share_one_follow_up_write()
    {
        var first = _writer.WriteAsync();
        var firstWrite = await NextWriteAsync();
        var second = _writer.WriteAsync();
        var third = _writer.WriteAsync();
        var fourth = _writer.WriteAsync();

        Assert.False(_writes.Reader.TryRead(out _), "a second write started while the first was in flight");
        firstWrite.SetResult();
        await first;

        var followUp = await NextWriteAsync();
        Assert.False(second.IsCompleted, "a request made during a write must wait for a write that starts after it");
        followUp.SetResult();
        await Task.WhenAll(second, third, fourth);

        Assert.False(_writes.Reader.TryRead(out _), "requests made during one write need one follow-up write, not one each");
        Assert.Equal(["write", "write"], _operations);
        Assert.Equal(1, _mostInFlight);
    }

    [Fact]
    public async Task A_request_made_once_the_follow_up_has_started_gets_a_write_of_its_own()
    {
        var first = _writer.WriteAsync();
        var firstWrite = await NextWriteAsync();
        var second = _writer.WriteAsync();
        firstWrite.SetResult();
        var secondWrite = await NextWriteAsync();

        // The follow-up has read the state already: this change needs another write.
        var third = _writer.WriteAsync();
        secondWrite.SetResult();
        await second;
        Assert.False(third.IsCompleted);
        (await NextWriteAsync()).SetResult();
        await Task.WhenAll(first, third);

        Assert.Equal(3, _operations.Count);
        Assert.Equal(1, _mostInFlight);
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_the_next_request_still_writes()
    {
        var first = _writer.WriteAsync();
        (await NextWriteAsync()).SetException(new IOException("storage down"));
        await Assert.ThrowsAsync<IOException>(() => first);

        var second = _writer.WriteAsync();
        (await NextWriteAsync()).SetResult();
        await second;

        Assert.Equal(2, _operations.Count);
    }

    [Fact]
    public async Task A_clear_comes_after_the_writes_requested_before_it_and_before_those_requested_after()
    {
        var first = _writer.WriteAsync();
        var firstWrite = await NextWriteAsync();
        var clear = _writer.ClearAsync();
        var after = _writer.WriteAsync();

        firstWrite.SetResult();
        (await NextWriteAsync()).SetResult();
        (await NextWriteAsync()).SetResult();
        await Task.WhenAll(first, clear, after);

        Assert.Equal(["write", "clear", "write"], _operations);
        Assert.Equal(1, _mostInFlight);
    }

    [Fact]
    public async Task A_write_with_nothing_in_flight_starts_at_once()
    {
        var write = _writer.WriteAsync();

        (await NextWriteAsync()).SetResult();
        await write;

        Assert.Equal(["write"], _operations);
    }

    private async Task StoreAsync(string operation)
    {
        var landed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_operations) _operations.Add(operation);
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _mostInFlight, inFlight);
        _writes.Writer.TryWrite(landed);
        try
        {
            await landed.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<TaskCompletionSource> NextWriteAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _writes.Reader.ReadAsync(timeout.Token);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

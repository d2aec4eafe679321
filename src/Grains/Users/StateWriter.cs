namespace Rainforest.Grains.Users;

/// <summary>
/// The one path by which a grain's record (a user's, a directory shard's) reaches storage. Operations run one at a time, in order: two writes
/// in flight together would carry the same ETag, and the loser's conflict would look like another activation
/// owning the user. A write requested while another operation runs joins the write already waiting, if any,
/// because that write stores the record as it is when it starts, this change included.
/// </summary>
public sealed class StateWriter(Func<Task> write, Func<Task> clear)
{
    private readonly Lock _gate = new();
    private readonly Queue<Step> _waiting = new();
    private Step? _last;
    private bool _running;

    /// <summary>Stores the record; completes once a write that started after this call has finished.</summary>
    public Task WriteAsync() => Enqueue(write, joins: true);

    /// <summary>Clears the record after every write requested before; later writes come after it.</summary>
    public Task ClearAsync() => Enqueue(clear, joins: false);

    private Task Enqueue(Func<Task> operation, bool joins)
    {
        Step step;
        lock (_gate)
        {
            if (joins && _last is { Joinable: true } waiting) return waiting.Done.Task;
            step = new Step(operation, joins);
            _waiting.Enqueue(step);
            _last = step;
            if (_running) return step.Done.Task;
            _running = true;
        }
        _ = RunAsync();
        return step.Done.Task;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            Step step;
            lock (_gate)
            {
                if (!_waiting.TryDequeue(out step!))
                {
                    _running = false;
                    return;
                }
                // Once started, a write no longer sees later changes: later requests need a write of their own.
                if (_last == step) _last = null;
            }
            try
            {
                await step.Operation();
                step.Done.SetResult();
            }
            catch (Exception ex)
            {
                step.Done.SetException(ex);
            }
        }
    }

    private sealed class Step(Func<Task> operation, bool joinable)
    {
        public Func<Task> Operation { get; } = operation;

        public bool Joinable { get; } = joinable;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

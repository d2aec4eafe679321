namespace Rainforest.Testing;

/// <summary>
/// Waits for an effect in another process (a file, an object, a poll) with a deadline. Used only where no
/// signal can be awaited; it re-checks often and fails with the last observation.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last = default!;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                if (done(last)) return last;
                lastError = null;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                lastError = ex;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Timed out after {timeout} waiting for {what}; last seen: {last}", lastError);
    }

    public static Task Until(Func<bool> condition, TimeSpan timeout, string what) =>
        Until(() => Task.FromResult(condition()), ok => ok, timeout, what);

    public static Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Until(condition, ok => ok, timeout, what);
}

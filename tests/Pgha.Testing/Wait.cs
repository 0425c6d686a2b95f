namespace Pgha.Testing;

/// <summary>Bounded polling for a state: never a fixed sleep, never an unbounded loop.</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until it is true.</summary>
    /// <exception cref="TimeoutException">Not true within <paramref name="timeout"/>; the message says <paramref name="because"/>.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, TimeSpan? interval = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        TimeSpan pause = interval ?? TimeSpan.FromMilliseconds(100);
        Exception? last = null;
        while (!cts.IsCancellationRequested)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                last = e; // a probe failing is "not yet"; the last failure goes into the timeout message
            }
            try
            {
                await Task.Delay(pause, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        string detail = last is null ? "" : $" (last error: {last.GetType().Name}: {last.Message})";
        throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting until {because}{detail}", last);
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, because);
}

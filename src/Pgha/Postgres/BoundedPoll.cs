namespace Pgha.Postgres;

/// <summary>Waiting for a condition with an upper bound, never forever.</summary>
internal static class BoundedPoll
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);

    /// <summary>True once <paramref name="done"/> holds; false when <paramref name="timeout"/> passes first. Cancellation throws.</summary>
    public static async Task<bool> UntilAsync(Func<CancellationToken, Task<bool>> done, TimeSpan timeout, CancellationToken ct, TimeSpan? interval = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var timer = new PeriodicTimer(interval ?? s_interval);
        try
        {
            while (!await done(deadline.Token))
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}

namespace Pgha.Agent;

/// <summary>
/// Step 6 of a cycle: wait until loop_wait has passed since the cycle started, or less when something happened
/// that the rules must see now: the leader key changed (etcd watch), the postmaster died, a long action ended,
/// or an operator asked (REST). Events only wake the loop; the loop always observes again.
/// </summary>
public sealed class LoopWakeup(TimeProvider clock, LongActionRunner longActions, Func<CancellationToken, Task> postmasterExit)
{
    /// <summary>Set by the etcd watcher and the REST API.</summary>
    public AsyncSignal Signal { get; } = new();

    public async Task WaitAsync(DateTimeOffset cycleStarted, TimeSpan loopWait, CancellationToken ct)
    {
        TimeSpan remaining = cycleStarted + loopWait - clock.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task timer = Task.Delay(remaining, clock, cts.Token);
        Task exit = postmasterExit(cts.Token);
        Task longAction = longActions.IsRunning ? longActions.Finished : Task.Delay(Timeout.Infinite, cts.Token);
        await Task.WhenAny(timer, Signal.WaitTask, exit, longAction);
        Signal.Reset();
        await cts.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}

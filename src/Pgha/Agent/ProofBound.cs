namespace Pgha.Agent;

/// <summary>
/// A token for an etcd call of a primary: cancelled with the caller's, or when the leadership proof ends (on the agent's
/// clock). From that instant the self-fencing rule must demote, so no call may keep the next decision waiting.
/// </summary>
public sealed class ProofBound : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    /// <param name="until">When the proof ends; null (no proof held) bounds nothing.</param>
    public ProofBound(DateTimeOffset? until, TimeProvider clock, CancellationToken ct)
    {
        TimeSpan left = until is { } end ? end - clock.GetUtcNow() : Timeout.InfiniteTimeSpan;
        _timer = new CancellationTokenSource(left < TimeSpan.Zero && left != Timeout.InfiniteTimeSpan ? TimeSpan.Zero : left, clock);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>True once the proof has ended (as opposed to the caller cancelling).</summary>
    public bool Expired => _timer.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}

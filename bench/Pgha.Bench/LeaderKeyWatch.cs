namespace Pgha.Bench;

/// <summary>
/// Polls the leader key every 20 ms (the writer's tick) from just before a fault, and notes when it first stops naming
/// the old leader: for a kill -9 that is the lease's expiry, ttl after the last refresh. The failover's reaction is
/// measured from there, so a system that refreshes its key later or earlier is neither helped nor hurt.
/// </summary>
public sealed class LeaderKeyWatch : IAsyncDisposable
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(20);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    public LeaderKeyWatch(EtcdKeys keys, string leader, BenchClock clock)
    {
        _polling = PollAsync(keys, leader, clock, _stop.Token);
    }

    /// <summary>Bench-clock seconds when the key was first seen not naming the old leader; null until then.</summary>
    public double? GoneAt { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
    }

    private async Task PollAsync(EtcdKeys keys, string leader, BenchClock clock, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && GoneAt is null)
        {
            (bool answered, string? value) = await keys.TryGetAsync("leader");
            if (answered && value != leader)
            {
                GoneAt = clock.Now;
                return;
            }
            try
            {
                await Task.Delay(s_tick, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

namespace Pgha.Core.Ha;

/// <summary>
/// When a leader's cycle renews its key. A killed leader's key lives ttl after its last renewal, so every renewal
/// beyond the one per loop_wait that keeps the key safe lengthens the outage after a crash by as much: cycles that an
/// event woke early (a member changed, the postmaster restarted, an operator asked) do not renew it again.
/// </summary>
public static class LeaderKeyRefresh
{
    /// <summary>
    /// True when the renewal is due: nothing proves the key ours, etcd did not answer the last attempt, or at least
    /// three quarters of loop_wait passed since the last renewal (a cycle on schedule starts loop_wait after the
    /// previous one; the quarter absorbs its jitter). The loop wakes no later than loop_wait after a renewal.
    /// </summary>
    public static bool IsDue(AgentMemory memory, HaSettings settings, DateTimeOffset now) =>
        memory.LeaderKeyRefreshedAt is not { } refreshed
        || !memory.HoldsLeaderKey
        || memory.LeaderKeyInDoubt
        || memory.LockRefreshFailed
        || now - refreshed >= settings.LoopWait * 0.75;

    /// <summary>When the loop must run again at the latest: loop_wait after the cycle began, or after the last renewal.</summary>
    public static DateTimeOffset WaitFrom(AgentMemory memory, DateTimeOffset cycleStarted) =>
        memory.HoldsLeaderKey && memory.LeaderKeyRefreshedAt is { } refreshed && refreshed < cycleStarted ? refreshed : cycleStarted;
}

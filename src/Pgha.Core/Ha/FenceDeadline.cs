namespace Pgha.Core.Ha;

/// <summary>
/// Until when the local PostgreSQL may run as a primary, as the agent tells its fence process after every cycle.
/// The fence stops a primary past this instant, so a primary whose agent died or lost etcd stops taking writes
/// before its leader key can expire and before any replica may be promoted.
/// </summary>
public static class FenceDeadline
{
    /// <summary>No primary allowed (replicas are never touched by the fence).</summary>
    public static readonly DateTimeOffset None = DateTimeOffset.UnixEpoch;

    public static DateTimeOffset Compute(AgentMemory memory, HaSettings settings, LongActionStatus? longAction, DateTimeOffset now)
    {
        if (settings.Paused)
        {
            // Maintenance mode: the operator runs PostgreSQL by hand; pgha touches nothing.
            return DateTimeOffset.MaxValue;
        }
        if (memory.HoldsLeaderKey && memory.LeaderKeyRefreshedAt is { } refreshed)
        {
            return refreshed + settings.Ttl - settings.DemoteMargin;
        }
        if (memory.Bootstrapping || longAction is { Running: true, Name: LongActionNames.Bootstrap })
        {
            // initdb runs a primary before the leader key exists; the loop renews this each cycle while it runs.
            return now + settings.Ttl - settings.DemoteMargin;
        }
        return None;
    }
}

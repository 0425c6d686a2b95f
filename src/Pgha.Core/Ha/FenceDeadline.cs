namespace Pgha.Core.Ha;

/// <summary>
/// Until when the local PostgreSQL may run as a primary, as the agent tells its fence process whenever it changes.
/// The fence stops a primary past this instant, so a primary whose agent died or lost etcd stops taking writes
/// before its leader key can expire and before any replica may be promoted.
/// </summary>
public static class FenceDeadline
{
    /// <summary>No primary allowed (replicas are never touched by the fence).</summary>
    public static readonly DateTimeOffset None = DateTimeOffset.UnixEpoch;

    private static readonly TimeSpan s_bootstrapGrace = TimeSpan.FromMinutes(2);

    public static DateTimeOffset Compute(AgentMemory memory, HaSettings settings, LongActionStatus? longAction, DateTimeOffset now)
    {
        if (settings.Paused)
        {
            // Maintenance mode: the operator runs PostgreSQL by hand; pgha touches nothing.
            return DateTimeOffset.MaxValue;
        }
        // A refresh that got no answer (etcd gone, or electing) does not void the last refresh: the key cannot expire
        // before it + ttl. With failsafe_mode each round that EVERY member accepts moves the proof forward; a round
        // that fails moves nothing, so the fence stops the primary in time even if the agent hangs before it can
        // demote. A refresh that etcd answered with "not yours" clears HoldsLeaderKey and ends the deadline at once.
        if (LeadershipProof.Expires(memory, settings) is { } expires)
        {
            return expires;
        }
        if (memory.Bootstrapping || longAction is { Running: true, Name: LongActionNames.Bootstrap })
        {
            // initdb runs a primary before the leader key exists. No other member can be promoted meanwhile: none has
            // data, and they wait for this one's initialize key. So a stalled cycle on a busy machine must not kill the
            // bootstrap; the fence only needs to stop a primary orphaned by an agent that died during it.
            TimeSpan grace = settings.Ttl - settings.DemoteMargin > s_bootstrapGrace ? settings.Ttl - settings.DemoteMargin : s_bootstrapGrace;
            return now + grace;
        }
        return None;
    }
}

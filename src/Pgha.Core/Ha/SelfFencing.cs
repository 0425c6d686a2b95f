namespace Pgha.Core.Ha;

/// <summary>
/// Rules that run before anything else: a primary that can no longer prove it holds the leader key stops
/// accepting writes, on its own clock, before the key's TTL can run out anywhere.
/// </summary>
internal static class SelfFencing
{
    public static HaDecision? MustDemote(HaInput input)
    {
        if (!MayAcceptWrites(input.Postgres) || input.Settings.Paused)
        {
            return null;
        }
        AgentMemory cleared = input.Memory.SteppedDown();
        if (input.Memory.LockRefreshFailed)
        {
            return Decision.Do(cleared, HaReasons.DemoteLockRefreshFailed, new Demote(DemoteMode.ImmediateNoLock));
        }
        // With failsafe_mode a round that every member accepted proves leadership as a key refresh does.
        if (input.Memory.HoldsLeaderKey && LeadershipProof.Latest(input.Memory, input.Settings, keyStillOurs: true) is { } refreshed
            && input.Now - refreshed >= input.Settings.Ttl - input.Settings.DemoteMargin)
        {
            return Decision.Do(cleared, HaReasons.DemoteLockExpiring(input.Now - refreshed, input.Settings.Ttl), new Demote(DemoteMode.ImmediateNoLock));
        }
        return null;
    }

    /// <summary>
    /// How long this node may still run as primary on its last proof (key refresh, or failsafe round), when it holds the
    /// key and that proof is younger than ttl − margin; null otherwise.
    /// </summary>
    public static TimeSpan? ProofLeft(HaInput input)
    {
        if (LeadershipProof.Expires(input.Memory, input.Settings) is not { } expires)
        {
            return null;
        }
        TimeSpan left = expires - input.Now;
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>
    /// A postmaster outside recovery that runs, is starting, or hangs: it takes writes now or will once it answers
    /// again (SIGCONT, disk unstuck), so fencing must treat it as a primary rather than wait for it to wake up.
    /// </summary>
    public static bool MayAcceptWrites(LocalPostgres pg) =>
        !pg.InRecovery && pg.RunState is PostgresRunState.Running or PostgresRunState.Starting or PostgresRunState.NotResponding;
}

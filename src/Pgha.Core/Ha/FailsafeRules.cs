namespace Pgha.Core.Ha;

/// <summary>
/// failsafe_mode (Patroni 3.0.2, patroni-compat §2.9). Without etcd a primary cannot prove it holds the leader key,
/// but it can prove that nobody else can take it: every other member of the failsafe list accepts it in this cycle,
/// and each one that accepted stays out of the leader race for ttl. So the primary keeps its role only while EVERY
/// member acknowledges it; one silent member is enough to demote, because that member might be racing elsewhere.
/// </summary>
internal static class FailsafeRules
{
    /// <summary>
    /// Primary, etcd lost (or the key refresh got no answer), failsafe_mode on: stay only if all accepted; a failed
    /// round demotes at once, as in Patroni. A key that etcd said is no longer ours is not an etcd loss: the
    /// self-fencing rule demotes.
    /// </summary>
    public static HaDecision? DecideWithoutDcs(HaInput input)
    {
        bool dcsLost = !input.Cluster.IsReachable || input.Memory.LeaderKeyInDoubt;
        if (!input.Settings.FailsafeMode || input.Settings.Paused || !dcsLost || !input.Postgres.IsRunningPrimary || input.Memory.LockRefreshFailed)
        {
            return null;
        }
        if (input.Failsafe is not { } check)
        {
            // No failsafe list known (never written, or etcd lost before the first read): the ordinary rules apply.
            return null;
        }
        if (check.AllAccepted)
        {
            DateTimeOffset confirmed = input.Memory.FailsafeConfirmedAt is { } before && before > check.StartedAt ? before : check.StartedAt;
            AgentMemory next = input.Memory with { FailsafeConfirmedAt = confirmed };
            return Decision.Do(next, HaReasons.FailsafeStay);
        }
        return Decision.Do(input.Memory.SteppedDown(), HaReasons.FailsafeDemote(string.Join(", ", check.Refused)), new Demote(DemoteMode.Offline));
    }

    /// <summary>
    /// Replica, no leader key: a primary may still run in failsafe mode (etcd came back after its key expired). A member
    /// that accepted its POST within ttl, or that the failsafe list leaves out, must not take the key (§2.4 rule 7).
    /// </summary>
    public static HaDecision? BlockRace(HaInput input)
    {
        if (!input.Settings.FailsafeMode || input.Cluster.Leader is not null || !input.Postgres.IsRunningReplica)
        {
            // Only a running replica could win the race; the race rules handle every other state as usual.
            return null;
        }
        if (input.FailsafeContact is { } contact && contact.Primary != input.Me && input.Now - contact.At < input.Settings.Ttl)
        {
            return Decision.Wait(input, HaReasons.FailsafeNoRace(contact.Primary));
        }
        if (input.Cluster.Failsafe is { Count: > 0 } list && !list.ContainsKey(input.Me))
        {
            return Decision.Wait(input, HaReasons.FailsafeNotListed);
        }
        return null;
    }
}

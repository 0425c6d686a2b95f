namespace Pgha.Core.Ha;

/// <summary>
/// The HA decision: a pure, total function from one observation to actions and a one-line reason.
/// Dispatches on the situation like raft's step functions; each branch is an ordered, first-match-wins list
/// of small rules. Every reason string comes from <see cref="HaReasons"/> and is listed in HaRuleCatalog.md.
/// </summary>
public static class HaRules
{
    public static HaDecision Decide(HaInput input)
    {
        AgentMemory memory = input.Memory with
        {
            PostgresWasRunning = input.Postgres.IsRunning,
            DcsLastSeen = input.Cluster.IsReachable ? input.Now : input.Memory.DcsLastSeen,
            FailsafeMembers = input.Cluster.IsReachable ? input.Cluster.Failsafe : input.Memory.FailsafeMembers,
            SlowWalWrites = input.Postgres.WalWrite == WalWriteCheck.TimedOut ? input.Memory.SlowWalWrites + 1 : 0,
            StartingSince = input.Postgres.RunState == PostgresRunState.Starting ? input.Memory.StartingSince ?? input.Now : null,
        };
        input = input with { Memory = ForgetExpiredProof(memory, input) };

        if (FailsafeRules.DecideWithoutDcs(input) is { } failsafe)
        {
            return failsafe;
        }
        if (SelfFencing.MustDemote(input) is { } fence)
        {
            return fence;
        }
        if (input.LongAction is { } longAction)
        {
            return LongActionRules.Decide(input, longAction);
        }
        if (!input.Cluster.IsReachable)
        {
            return NoDcsRules.Decide(input);
        }
        if (input.Postgres.RunState == PostgresRunState.NoDataDirectory)
        {
            return NoDataRules.Decide(input);
        }
        if (input.Settings.Paused)
        {
            return PausedRules.Decide(input);
        }
        if (GrayFailureRules.Decide(input) is { } gray)
        {
            return gray;
        }
        if (input.Cluster.IsLeader(input.Me))
        {
            return LeaderRules.Decide(input);
        }
        if (input.Cluster.Leader is not null)
        {
            return FollowerRules.Decide(input);
        }
        return FailsafeRules.BlockRace(input) ?? LeaderRaceRules.Decide(input);
    }

    /// <summary>
    /// A leadership proof that ran out speaks for nothing. While PostgreSQL may accept writes the self-fencing rule acts
    /// on it (it demotes); otherwise (the fence already stopped it, or it crashed) nothing would, and a key still held "in
    /// doubt" would keep the agent cycling at once with every etcd read cut off by a proof already past. Etcd's own view
    /// decides from here whether the key is still ours.
    /// </summary>
    private static AgentMemory ForgetExpiredProof(AgentMemory memory, HaInput input)
    {
        if (SelfFencing.MayAcceptWrites(input.Postgres) || LeadershipProof.Expires(memory, input.Settings) is not { } expires || input.Now < expires)
        {
            return memory;
        }
        return memory with { HoldsLeaderKey = false, LeaderKeyRefreshedAt = null, LeaderKeyInDoubt = false, FailsafeConfirmedAt = null };
    }
}

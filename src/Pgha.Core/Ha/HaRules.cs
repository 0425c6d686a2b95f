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
        input = input with { Memory = memory };

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
}

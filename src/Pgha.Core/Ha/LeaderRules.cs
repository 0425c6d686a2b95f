namespace Pgha.Core.Ha;

/// <summary>The leader key names this node: keep it, and make PostgreSQL the primary it stands for.</summary>
internal static class LeaderRules
{
    private const int MaxFailedStarts = 3;
    private const int MaxUnresponsiveCycles = 2;

    public static HaDecision Decide(HaInput input)
    {
        LocalPostgres pg = input.Postgres;
        AgentMemory memory = input.Memory with { UnresponsiveCycles = pg.RunState == PostgresRunState.NotResponding ? input.Memory.UnresponsiveCycles + 1 : 0 };
        input = input with { Memory = memory };

        if (pg.IsRunningPrimary)
        {
            return ManualFailover.Decide(input) ?? RunningPrimary(input);
        }
        if (pg.IsRunningReplica)
        {
            return Decision.Do(input, HaReasons.LeaderPromote(input.Me), [new RefreshLeaderLock(), .. SyncReplicationRules.BeforePromote(input), new Promote()]);
        }
        if (pg.RunState == PostgresRunState.Starting)
        {
            return Decision.Do(input, HaReasons.LeaderStartingWait(input.Me), new RefreshLeaderLock());
        }
        if (pg.RunState == PostgresRunState.NotResponding)
        {
            // A hung primary is a failed primary; one extra cycle rides out a slow probe on a busy machine.
            return memory.UnresponsiveCycles >= MaxUnresponsiveCycles
                ? Decision.Do(memory with { HoldsLeaderKey = false, NeedsRewindCheck = true }, HaReasons.LeaderDemoteUnresponsive, new Demote(DemoteMode.Immediate), new ReleaseLeaderLock())
                : Decision.Do(input, HaReasons.LeaderUnresponsive(memory.UnresponsiveCycles), new RefreshLeaderLock());
        }
        // Stopped: the postmaster died under us. Restart in place; no failover needed.
        if (memory.FailedStarts >= MaxFailedStarts)
        {
            return Decision.Do(memory with { HoldsLeaderKey = false }, HaReasons.LeaderGiveUpStarts, new ReleaseLeaderLock());
        }
        if (FollowerRules.SystemIdMismatch(input))
        {
            return Decision.Do(memory with { HoldsLeaderKey = false }, HaReasons.SystemIdMismatch, new ReleaseLeaderLock());
        }
        StartRole role = pg.InRecovery ? StartRole.Replica : StartRole.Primary;
        return Decision.Do(input, HaReasons.LeaderRestartCrashed(input.Me), new RefreshLeaderLock(), new StartPostgres(role, null));
    }

    private static HaDecision RunningPrimary(HaInput input)
    {
        (IReadOnlyList<HaAction> sync, string? reason, AgentMemory memory) = SyncReplicationRules.ForLeader(input);
        return Decision.Do(memory, reason ?? HaReasons.LeaderNoAction(input.Me), [new RefreshLeaderLock(), .. sync]);
    }
}

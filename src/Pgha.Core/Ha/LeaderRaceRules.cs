namespace Pgha.Core.Ha;

/// <summary>No leader key: the healthiest member takes it and promotes; everyone else waits for it.</summary>
internal static class LeaderRaceRules
{
    public static HaDecision Decide(HaInput input)
    {
        LocalPostgres pg = input.Postgres;
        switch (pg.RunState)
        {
            case PostgresRunState.Starting:
                return Decision.Wait(input, HaReasons.RaceWaitStarting);
            case PostgresRunState.NotResponding when !pg.InRecovery:
                // It may wake up and take writes while the healthiest replica promotes: stop it first.
                return Decision.Do(input.Memory with { NeedsRewindCheck = true }, HaReasons.RaceDemote("PostgreSQL does not answer queries"), new Demote(DemoteMode.ImmediateNoLock));
            case PostgresRunState.NotResponding:
                return Decision.Wait(input, HaReasons.RaceWaitUnresponsive);
            case PostgresRunState.Stopped when input.Memory.HandedOverAt is { } handedOver && input.Now < handedOver + input.Settings.Ttl:
                return Decision.Wait(input, HaReasons.RaceWaitHandover);
            case PostgresRunState.Stopped:
                return FollowerRules.SystemIdMismatch(input)
                    ? Decision.Wait(input, HaReasons.SystemIdMismatch)
                    : Decision.Do(input, HaReasons.RaceStartReplica, new StartPostgres(StartRole.Replica, null));
        }
        (bool healthiest, string why) = FailoverCandidates.IsHealthiest(input);
        if (!healthiest)
        {
            return pg.IsRunningPrimary
                ? Decision.Do(input.Memory with { NeedsRewindCheck = true }, HaReasons.RaceDemote(why), new Demote(DemoteMode.ImmediateNoLock))
                : Decision.Wait(input, HaReasons.RaceNotHealthiest(why));
        }
        var actions = new List<HaAction> { new AcquireLeaderLock() };
        if (!pg.IsRunningPrimary)
        {
            actions.AddRange(SyncReplicationRules.BeforePromote(input));
            actions.Add(new Promote());
        }
        if (input.Cluster.Failover is { IsEmpty: false })
        {
            actions.Add(new ClearFailoverKey());
        }
        string reason = pg.IsRunningPrimary ? HaReasons.RaceAcquireAsPrimary : HaReasons.RaceAcquirePromote;
        return Decision.Do(input, reason, [.. actions]);
    }
}

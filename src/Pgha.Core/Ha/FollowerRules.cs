using Pgha.Core.Cluster;

namespace Pgha.Core.Ha;

/// <summary>Another member holds the leader key: be its replica, repairing a diverged timeline first.</summary>
internal static class FollowerRules
{
    public static HaDecision Decide(HaInput input)
    {
        string leader = input.Cluster.Leader!.Name;
        LocalPostgres pg = input.Postgres;
        if (pg.IsRunningPrimary || (pg.RunState == PostgresRunState.NotResponding && !pg.InRecovery))
        {
            AgentMemory next = input.Memory with { HoldsLeaderKey = false, LeaderKeyRefreshedAt = null, NeedsRewindCheck = true, FollowingLeader = null };
            return Decision.Do(next, HaReasons.FollowerDemote(leader), new Demote(DemoteMode.ImmediateNoLock));
        }
        if (pg.IsRunningReplica)
        {
            if (DivergedFromLeader(input))
            {
                // PostgreSQL cannot stream across a fork it has already passed; stop it, armed, so that the
                // stopped-former-primary rules rewind or re-clone it next cycle.
                return Decision.Do(input.Memory with { NeedsRewindCheck = true }, HaReasons.FollowerStopToRewind(leader), new Demote(DemoteMode.ImmediateNoLock));
            }
            if (input.Memory.NeedsRewindCheck && input.Cluster.LeaderMember?.Timeline == pg.Timeline)
            {
                input = input with { Memory = input.Memory with { NeedsRewindCheck = false } };
            }
            return input.Memory.FollowingLeader == leader
                ? Decision.Wait(input, HaReasons.FollowerNoAction(input.Me, leader))
                : Decision.Do(input, HaReasons.FollowerNoAction(input.Me, leader), new FollowLeader(leader));
        }
        return pg.RunState switch
        {
            PostgresRunState.Starting => Decision.Wait(input, HaReasons.FollowerStartingWait(leader)),
            PostgresRunState.NotResponding => Decision.Wait(input, HaReasons.FollowerUnresponsive(leader)),
            _ => DecideStopped(input, leader),
        };
    }

    private static HaDecision DecideStopped(HaInput input, string leader)
    {
        if (SystemIdMismatch(input))
        {
            return Decision.Wait(input, HaReasons.SystemIdMismatch);
        }
        bool formerPrimary = !input.Postgres.InRecovery || input.Memory.NeedsRewindCheck;
        if (!formerPrimary && !input.Memory.StartFailedDiverged)
        {
            return Decision.Do(input, HaReasons.FollowerStartReplica(leader), new StartPostgres(StartRole.Replica, leader));
        }
        Member? leaderMember = input.Cluster.LeaderMember;
        if (leaderMember is null || leaderMember.Role != MemberRole.Primary || leaderMember.Timeline is null)
        {
            return Decision.Wait(input, HaReasons.FollowerWaitLeaderPromotion(leader));
        }
        if (input.Memory.StartFailedDiverged)
        {
            return RepairDivergedStart(input, leader);
        }
        if (leaderMember.Timeline > input.Postgres.Timeline && !StoppedBeforeFork(input))
        {
            return input.Settings.UsePgRewind
                ? Decision.Do(input, HaReasons.FollowerRewind(leader), new Rewind(leader))
                : Decision.Do(input, HaReasons.FollowerReclone(leader), new RemoveDataDirectory("diverged timeline"));
        }
        AgentMemory next = input.Memory with { NeedsRewindCheck = false };
        return Decision.Do(next, HaReasons.FollowerStartReplica(leader), new StartPostgres(StartRole.Replica, leader));
    }

    /// <summary>
    /// A primary that shut down cleanly (a switchover) wrote its shutdown checkpoint as its last record. When the history
    /// key says its timeline was left after that record's start, the successor replayed all of its WAL: it can follow
    /// the new timeline as it is, without a rewind.
    /// </summary>
    private static bool StoppedBeforeFork(HaInput input) =>
        input.Postgres.ClusterState == "shut down"
        && ForkFromMyTimeline(input) is { } fork
        && fork.Lsn > input.Postgres.WalPosition;

    /// <summary>
    /// PostgreSQL refused to start on the leader's timeline (its WAL or minimum recovery point is past the fork): the
    /// start that was failing every cycle is replaced by one rewind, then, if the start still fails so, a fresh clone.
    /// A failed rewind re-clones through the long-action rules, as for a former primary.
    /// </summary>
    private static HaDecision RepairDivergedStart(HaInput input, string leader)
    {
        if (input.Settings.UsePgRewind && !input.Memory.RewoundForDivergedStart)
        {
            AgentMemory next = input.Memory with { RewoundForDivergedStart = true };
            return Decision.Do(next, HaReasons.FollowerRewindDivergedStart(leader), new Rewind(leader));
        }
        return Decision.Do(input, HaReasons.FollowerRecloneDivergedStart(leader), new RemoveDataDirectory("PostgreSQL refused the leader's timeline"));
    }

    /// <summary>
    /// The leader runs on a later timeline and my WAL went past the point where it forked from mine: the history key
    /// tells where; without an entry for my timeline, a former primary (rewind check armed) is assumed to have diverged.
    /// </summary>
    private static bool DivergedFromLeader(HaInput input)
    {
        // A walreceiver that streams proves the histories fit together: the upstream refuses a start point past its fork.
        // Otherwise the local timeline is the one replayed (the probe's, not the control file's, which lags until the
        // next restartpoint and would make a healthy replica on the leader's timeline look forked off an older one).
        if (input.Postgres.IsStreaming)
        {
            return false;
        }
        if (input.Cluster.LeaderMember is not { Role: MemberRole.Primary, Timeline: { } leaderTimeline } || leaderTimeline <= input.Postgres.Timeline)
        {
            return false;
        }
        HistoryEntry? fork = ForkFromMyTimeline(input);
        // Only WAL already replayed past the fork prevents following; WAL merely received past it is discarded.
        return fork is null ? input.Memory.NeedsRewindCheck : (input.Postgres.ReplayedLsn ?? input.Postgres.WalPosition) > fork.Lsn;
    }

    /// <summary>Where the cluster left my timeline, from the history key; null when it has no row for it.</summary>
    private static HistoryEntry? ForkFromMyTimeline(HaInput input) =>
        input.Cluster.History.FirstOrDefault(h => h.Timeline == input.Postgres.Timeline);

    /// <summary>The data directory belongs to a different cluster than the one in the initialize key.</summary>
    public static bool SystemIdMismatch(HaInput input) =>
        input.Cluster.Initialize is { Length: > 0 } sysid
        && input.Postgres.SystemIdentifier is { Length: > 0 } local
        && sysid != local;
}

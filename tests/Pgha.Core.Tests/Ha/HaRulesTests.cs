using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>
/// The HA rule table: one row per branch of every *Rules.cs, SelfFencing and FailoverCandidates. Each row names the
/// reason it must log and the exact actions it must emit (record equality, in order). Longer than most files on purpose:
/// it is the table, read top to bottom like HaRuleCatalog.md.
/// </summary>
public sealed class HaRulesTests
{
    private static readonly Dictionary<string, RuleRow> s_rows = AllRows().ToDictionary(r => r.Name);

    public static TheoryData<string> Rules => new(s_rows.Keys);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_emits_exactly_its_actions_and_reason(string rule)
    {
        RuleRow row = s_rows[rule];

        HaDecision decision = HaRules.Decide(row.Input);

        Assert.Equal(row.Actions, decision.Actions);
        if (row.ReasonIsPrefix)
        {
            Assert.StartsWith(row.Reason, decision.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(row.Reason, decision.Reason);
        }
    }

    private static IEnumerable<RuleRow> AllRows() =>
        SelfFencingRows().Concat(LongActionRows()).Concat(NoDcsRows()).Concat(NoDataRows()).Concat(PausedRows())
            .Concat(LeaderRows()).Concat(ManualFailoverRows()).Concat(FollowerRows()).Concat(RaceRows()).Concat(CandidateRows()).Concat(SyncRuleRows.All());

    private static Demote DemoteNoLock => new(DemoteMode.ImmediateNoLock);

    private static IEnumerable<RuleRow> SelfFencingRows()
    {
        yield return RuleRow.Of(
            Input.For("n1").Sees(Cluster.WithLeader("n1")).Finds(Postgres.RunningPrimary())
                .Remembers(Memory.LeaderRefreshed(10) with { LockRefreshFailed = true }),
            HaReasons.DemoteLockRefreshFailed, DemoteNoLock);
        yield return RuleRow.Of("before looking at an unreachable etcd",
            Input.For("n1").Sees(Cluster.Unreachable).Finds(Postgres.RunningPrimary())
                .Remembers(Memory.LeaderRefreshed(10) with { LockRefreshFailed = true }),
            HaReasons.DemoteLockRefreshFailed, DemoteNoLock);
        yield return RuleRow.Of("hung postmaster",
            Input.For("n1").Sees(Cluster.WithLeader("n1")).Finds(Postgres.NotResponding(inRecovery: false))
                .Remembers(Memory.LeaderRefreshed(10) with { LockRefreshFailed = true }),
            HaReasons.DemoteLockRefreshFailed, DemoteNoLock);
        yield return RuleRow.Of(
            Input.For("n1").Sees(Cluster.WithLeader("n1")).Finds(Postgres.RunningPrimary()).Remembers(Memory.LeaderRefreshed(26)),
            "demoting: leader key last refreshed 26s ago, too close to ttl 30s", DemoteNoLock);
        yield return RuleRow.Of("refreshes without answer until the proof ran out",
            Input.For("n1").Sees(Cluster.Unreachable).Finds(Postgres.RunningPrimary()).Remembers(Memory.LeaderRefreshed(25) with { LeaderKeyInDoubt = true }),
            "demoting: leader key last refreshed 25s ago, too close to ttl 30s", DemoteNoLock);
        yield return RuleRow.Of(
            Input.For("n1").Sees(Cluster.WithLeader("n1")).Finds(Postgres.RunningPrimary()).Remembers(Memory.LeaderRefreshed(25)),
            "demoting: leader key last refreshed 25s ago, too close to ttl 30s", DemoteNoLock);
    }

    private static IEnumerable<RuleRow> LongActionRows()
    {
        yield return RuleRow.Of(
            Input.For("n2").Sees(Cluster.WithLeader("n1")).Finds(Postgres.NoData).Running(LongActionNames.CreateReplica),
            HaReasons.LongActionInProgress(LongActionNames.CreateReplica));
        yield return RuleRow.Of("holder keeps its key",
            Input.For("n1").Sees(Cluster.WithLeader("n1")).Finds(Postgres.Stopped(inRecovery: false)).Running("restart"),
            HaReasons.LongActionInProgress("restart"), new RefreshLeaderLock());
        yield return RuleRow.Of("holder without etcd",
            Input.For("n1").Sees(Cluster.Unreachable).Finds(Postgres.Stopped(inRecovery: false)).Running("restart"),
            HaReasons.LongActionInProgress("restart"));
        yield return RuleRow.Of(
            Input.For("n1").Sees(Cluster.Empty().Initialized("")).Finds(Postgres.RunningPrimary()).Finished(LongActionNames.Bootstrap),
            HaReasons.BootstrapFinished, new AcquireLeaderLock(), new PublishInitialize("7000"));
        yield return RuleRow.Of(
            Input.For("n1").Sees(Cluster.Empty().Initialized("")).Finds(Postgres.NoData).Failed(LongActionNames.Bootstrap, "initdb exited with 1"),
            "bootstrap failed, releasing the initialize key: initdb exited with 1",
            new AbandonInitialize(), new Demote(DemoteMode.Immediate), new RemoveDataDirectory("bootstrap failed"));
        yield return RuleRow.Of(
            Input.For("n1").Sees(Cluster.Empty().Initialized("")).Finds(Postgres.Stopped(inRecovery: false)).Finished(LongActionNames.Bootstrap),
            "bootstrap failed, releasing the initialize key: PostgreSQL is not running as primary",
            new AbandonInitialize(), new Demote(DemoteMode.Immediate), new RemoveDataDirectory("bootstrap failed"));
        yield return RuleRow.Of(
            Input.For("n2").Sees(Cluster.WithLeader("n1", timeline: 2)).Finds(Postgres.Stopped(inRecovery: false)).Failed(LongActionNames.Rewind, "no common ancestor"),
            "rewind failed, moving the data directory aside to clone again: no common ancestor", new RemoveDataDirectory("pg_rewind failed"));
        yield return RuleRow.Of(
            Input.For("n2").Sees(Cluster.WithLeader("n1")).Finds(Postgres.NoData).Failed(LongActionNames.CreateReplica, "pg_basebackup exited with 1"),
            "creating replica failed, will retry: pg_basebackup exited with 1");
        yield return RuleRow.Of(
            Input.For("n2").Sees(Cluster.WithLeader("n1")).Finds(Postgres.Stopped(inRecovery: true)).Finished(LongActionNames.CreateReplica),
            "creating replica finished", new StartPostgres(StartRole.Replica, "n1"));
        yield return RuleRow.Of(
            Input.For("n2").Sees(Cluster.WithLeader("n1", timeline: 2)).Finds(Postgres.Stopped(inRecovery: false)).Finished(LongActionNames.Rewind),
            "rewind finished", new StartPostgres(StartRole.Replica, "n1"));
    }

    private static IEnumerable<RuleRow> NoDcsRows()
    {
        yield return RuleRow.Of(
            Input.For("n1").Sees(Cluster.Unreachable).Finds(Postgres.RunningPrimary()).Remembers(Memory.LeaderRefreshed(10)),
            HaReasons.NoDcsKeepPrimary(TimeSpan.FromSeconds(15)));
        yield return RuleRow.Of("last refresh got no answer",
            Input.For("n1").Sees(Cluster.Unreachable).Finds(Postgres.RunningPrimary()).Remembers(Memory.LeaderRefreshed(24) with { LeaderKeyInDoubt = true }),
            HaReasons.NoDcsKeepPrimary(TimeSpan.FromSeconds(1)));
        yield return RuleRow.Of("primary without the key",
            Input.For("n1").Sees(Cluster.Unreachable).Finds(Postgres.RunningPrimary()).Remembers(Memory.Fresh),
            HaReasons.DemoteNoDcs, new Demote(DemoteMode.Offline));
        yield return RuleRow.Of("hung postmaster",
            Input.For("n1").Sees(Cluster.Unreachable).Finds(Postgres.NotResponding(inRecovery: false)).Remembers(Memory.LeaderRefreshed(10)),
            HaReasons.DemoteNoDcs, new Demote(DemoteMode.Offline));
        yield return RuleRow.Of(
            Input.For("n2").Sees(Cluster.Unreachable).Finds(Postgres.Stopped(inRecovery: true)),
            HaReasons.NoDcsStartReadOnly, new StartPostgres(StartRole.Replica, null));
        yield return RuleRow.Of("running replica",
            Input.For("n2").Sees(Cluster.Unreachable).Finds(Postgres.RunningReplica()), HaReasons.NoDcs);
        yield return RuleRow.Of("stopped former primary",
            Input.For("n2").Sees(Cluster.Unreachable).Finds(Postgres.Stopped(inRecovery: false)), HaReasons.NoDcs);
        yield return RuleRow.Of("paused primary",
            Input.For(Settings.For("n1", paused: true)).Sees(Cluster.Unreachable).Finds(Postgres.RunningPrimary()), HaReasons.NoDcs);
    }

    private static IEnumerable<RuleRow> NoDataRows()
    {
        yield return RuleRow.Of(
            Input.For("n1").Sees(Cluster.WithLeader("n1")).Finds(Postgres.NoData), HaReasons.ReleaseLockNoData, new ReleaseLeaderLock());
        yield return RuleRow.Of("no data directory",
            Input.For(Settings.For("n2", paused: true)).Sees(Cluster.WithLeader("n1")).Finds(Postgres.NoData), HaReasons.PausedNoAction);
        yield return RuleRow.Of(
            Input.For("n1").Sees(Cluster.Empty()).Finds(Postgres.NoData), HaReasons.Bootstrapping, new ClaimInitializeKey(), new BootstrapCluster());
        yield return RuleRow.Of(
            Input.For("n1").Sees(Cluster.Empty()).Finds(Postgres.NoData).Remembers(AgentMemory.Initial with { FailedBootstraps = 3 }), HaReasons.BootstrapGaveUp);
        yield return RuleRow.Of("tagged nofailover",
            Input.For(Settings.For("n1", noFailover: true)).Sees(Cluster.Empty()).Finds(Postgres.NoData), HaReasons.NoDataNotBootstrapping);
        yield return RuleRow.Of("no bootstrap section",
            Input.For(Settings.For("n1", canBootstrap: false)).Sees(Cluster.Empty()).Finds(Postgres.NoData), HaReasons.NoDataNotBootstrapping);
        yield return RuleRow.Of(
            Input.For("n3").Sees(Cluster.WithLeader("n1").Member("n2", lsn: 90)).Finds(Postgres.NoData),
            "trying to bootstrap from leader", new CreateReplica("n1"));
        yield return RuleRow.Of(
            Input.For("n3").Sees(Cluster.WithLeader("n1").Member("n2", lsn: 90, cloneFrom: true)).Finds(Postgres.NoData),
            "trying to bootstrap from member 'n2'", new CreateReplica("n2"));
        yield return RuleRow.Of("bootstrap under way",
            Input.For("n2").Sees(Cluster.Empty().Initialized("")).Finds(Postgres.NoData), HaReasons.WaitForLeaderToBootstrap);
        yield return RuleRow.Of("leader not yet a primary",
            Input.For("n2").Sees(Cluster.WithLeader("n1").Member("n1", role: MemberRole.Replica)).Finds(Postgres.NoData),
            HaReasons.WaitForLeaderToBootstrap);
        yield return RuleRow.Of("initialized cluster without leader",
            Input.For("n2").Sees(Cluster.WithoutLeader()).Finds(Postgres.NoData), HaReasons.WaitForLeaderToBootstrap);
    }

    private static IEnumerable<RuleRow> PausedRows()
    {
        yield return RuleRow.Of("holder keeps its key, no fencing",
            Input.For(Settings.For("n1", paused: true)).Sees(Cluster.WithLeader("n1")).Finds(Postgres.RunningPrimary()).Remembers(Memory.LeaderRefreshed(28)),
            HaReasons.PausedNoAction, new RefreshLeaderLock());
        yield return RuleRow.Of(
            Input.For(Settings.For("n1", paused: true)).Sees(Cluster.WithoutLeader()).Finds(Postgres.RunningPrimary()),
            HaReasons.PausedTakeFreeKey, new AcquireLeaderLock());
        yield return RuleRow.Of("replica",
            Input.For(Settings.For("n2", paused: true)).Sees(Cluster.WithLeader("n1")).Finds(Postgres.Stopped(inRecovery: true)),
            HaReasons.PausedNoAction);
        yield return RuleRow.Of("free key but a primary of another cluster",
            Input.For(Settings.For("n1", paused: true)).Sees(Cluster.WithoutLeader().Initialized("8000")).Finds(Postgres.RunningPrimary()),
            HaReasons.PausedNoAction);
    }

    private static IEnumerable<RuleRow> LeaderRows()
    {
        HaInput Leader(LocalPostgres pg, AgentMemory? memory = null) =>
            Input.For("n1").Sees(Cluster.WithLeader("n1")).Finds(pg).Remembers(memory ?? Memory.LeaderRefreshed(10));

        yield return RuleRow.Of(Leader(Postgres.RunningPrimary()), HaReasons.LeaderNoAction("n1"), new RefreshLeaderLock());
        yield return RuleRow.Of("refreshed 24 s ago, inside ttl minus margin",
            Leader(Postgres.RunningPrimary(), Memory.LeaderRefreshed(24)), HaReasons.LeaderNoAction("n1"), new RefreshLeaderLock());
        yield return RuleRow.Of(Leader(Postgres.RunningReplica()), HaReasons.LeaderPromote("n1"), new RefreshLeaderLock(), new Promote());
        yield return RuleRow.Of(Leader(Postgres.Starting(inRecovery: false)), HaReasons.LeaderStartingWait("n1"), new RefreshLeaderLock());
        yield return RuleRow.Of(Leader(Postgres.NotResponding()),
            "PostgreSQL does not answer (1 cycle(s)); keeping the leader key one more cycle", new RefreshLeaderLock());
        yield return RuleRow.Of(Leader(Postgres.NotResponding(), Memory.LeaderRefreshed(10) with { UnresponsiveCycles = 1 }),
            HaReasons.LeaderDemoteUnresponsive, new Demote(DemoteMode.Immediate), new ReleaseLeaderLock());
        yield return RuleRow.Of(Leader(Postgres.Stopped(inRecovery: false), Memory.LeaderRefreshed(10) with { FailedStarts = 3 }),
            HaReasons.LeaderGiveUpStarts, new ReleaseLeaderLock());
        yield return RuleRow.Of("leader", Leader(Postgres.Stopped(inRecovery: false, systemId: "8000")),
            HaReasons.SystemIdMismatch, new ReleaseLeaderLock());
        yield return RuleRow.Of(Leader(Postgres.Stopped(inRecovery: false)),
            HaReasons.LeaderRestartCrashed("n1"), new RefreshLeaderLock(), new StartPostgres(StartRole.Primary, null));
        yield return RuleRow.Of("standby.signal present", Leader(Postgres.Stopped(inRecovery: true)),
            HaReasons.LeaderRestartCrashed("n1"), new RefreshLeaderLock(), new StartPostgres(StartRole.Replica, null));
    }

    private static IEnumerable<RuleRow> ManualFailoverRows()
    {
        HaInput Leader(ClusterBuilder cluster) =>
            Input.For("n1").Sees(cluster.LastLsn(100)).Finds(Postgres.RunningPrimary()).Remembers(Memory.LeaderRefreshed(10));

        yield return RuleRow.Of("switchover to a named candidate",
            Leader(Cluster.WithLeader("n1").Member("n2", lsn: 100).Member("n3", lsn: 100).Failover("n1", "n3")),
            HaReasons.ManualFailoverDemote("n3"), new RefreshLeaderLock(), new Demote(DemoteMode.Graceful, HandOverTo: "n3"));
        yield return RuleRow.Of("switchover to the most advanced member",
            Leader(Cluster.WithLeader("n1").Member("n2", lsn: 90).Member("n3", lsn: 99).Failover(leader: "n1")),
            HaReasons.ManualFailoverDemote("n3"), new RefreshLeaderLock(), new Demote(DemoteMode.Graceful));
        yield return RuleRow.Of("scheduled in the future",
            Leader(Cluster.WithLeader("n1").Member("n2").Failover("n1", "n2", Clock.T0.AddMinutes(5))),
            HaReasons.LeaderNoAction("n1"), new RefreshLeaderLock());
        yield return RuleRow.Of("candidate lags beyond maximum_lag_on_failover",
            Leader(Cluster.WithLeader("n1").Member("n2", lsn: 100).Member("n3", lsn: 100 - 2_000_000).Failover("n1", "n3").LastLsn(100)),
            HaReasons.ManualFailoverImpossible("n3"), new RefreshLeaderLock(), new ClearFailoverKey());
        yield return RuleRow.Of("no viable member at all",
            Leader(Cluster.WithLeader("n1").Member("n2", state: "stopped").Member("n3", noFailover: true).Failover(leader: "n1")),
            HaReasons.ManualFailoverImpossible("any member"), new RefreshLeaderLock(), new ClearFailoverKey());
        yield return RuleRow.Of("request names another leader",
            Leader(Cluster.WithLeader("n1").Member("n2").Failover("n9", "n2")),
            HaReasons.ManualFailoverImpossible("n2"), new RefreshLeaderLock(), new ClearFailoverKey());
        yield return RuleRow.Of("candidate is the leader itself",
            Leader(Cluster.WithLeader("n1").Member("n2").Failover(candidate: "n1")),
            HaReasons.ManualFailoverImpossible("n1"), new RefreshLeaderLock(), new ClearFailoverKey());
    }

    private static IEnumerable<RuleRow> FollowerRows()
    {
        HaInput Follower(LocalPostgres pg, AgentMemory? memory = null, bool usePgRewind = false, ClusterBuilder? cluster = null) =>
            Input.For(Settings.For("n2", usePgRewind: usePgRewind)).Sees(cluster ?? Cluster.WithLeader("n1")).Finds(pg).Remembers(memory ?? Memory.Fresh);

        yield return RuleRow.Of(Follower(Postgres.RunningPrimary()), HaReasons.FollowerDemote("n1"), DemoteNoLock);
        yield return RuleRow.Of("hung postmaster", Follower(Postgres.NotResponding(inRecovery: false)), HaReasons.FollowerDemote("n1"), DemoteNoLock);
        yield return RuleRow.Of("already following", Follower(Postgres.RunningReplica(), Memory.Following("n1")), HaReasons.FollowerNoAction("n2", "n1"));
        yield return RuleRow.Of("points at the new leader", Follower(Postgres.RunningReplica(), Memory.Following("n3")),
            HaReasons.FollowerNoAction("n2", "n1"), new FollowLeader("n1"));
        yield return RuleRow.Of(Follower(Postgres.RunningReplica(lsn: 150, timeline: 1), Memory.Following("n1"),
                cluster: Cluster.WithLeader("n1", timeline: 2).History(timeline: 1, lsn: 120)),
            HaReasons.FollowerStopToRewind("n1"), DemoteNoLock);
        yield return RuleRow.Of("streaming replica past the fork on its old control-file timeline keeps following", Follower(
                Postgres.RunningReplica(lsn: 150, timeline: 1) with { IsStreaming = true }, Memory.Following("n1"),
                cluster: Cluster.WithLeader("n1", timeline: 2).History(timeline: 1, lsn: 120)),
            HaReasons.FollowerNoAction("n2", "n1"));
        yield return RuleRow.Of("replica on the leader's timeline whose walreceiver stopped keeps following past the old fork", Follower(
                Postgres.RunningReplica(lsn: 150, timeline: 2), Memory.Following("n1") with { NeedsRewindCheck = true },
                cluster: Cluster.WithLeader("n1", timeline: 2).History(timeline: 1, lsn: 120)),
            HaReasons.FollowerNoAction("n2", "n1"));
        yield return RuleRow.Of("replica on the leader's timeline whose walreceiver stopped switches to the new leader", Follower(
                Postgres.RunningReplica(lsn: 150, timeline: 2), Memory.Following("n3"),
                cluster: Cluster.WithLeader("n1", timeline: 2).History(timeline: 1, lsn: 120)),
            HaReasons.FollowerNoAction("n2", "n1"), new FollowLeader("n1"));
        yield return RuleRow.Of("former primary, no history entry", Follower(Postgres.RunningReplica(timeline: 1),
                Memory.Following("n1") with { NeedsRewindCheck = true }, cluster: Cluster.WithLeader("n1", timeline: 2)),
            HaReasons.FollowerStopToRewind("n1"), DemoteNoLock);
        yield return RuleRow.Of("replica short of the fork follows onto the new timeline", Follower(Postgres.RunningReplica(lsn: 100, timeline: 1),
                Memory.Following("n1") with { NeedsRewindCheck = true }, cluster: Cluster.WithLeader("n1", timeline: 2).History(timeline: 1, lsn: 120)),
            HaReasons.FollowerNoAction("n2", "n1"));
        yield return RuleRow.Of("former primary already on the leader's timeline", Follower(Postgres.RunningReplica(timeline: 2),
                Memory.Following("n1") with { NeedsRewindCheck = true }, cluster: Cluster.WithLeader("n1", timeline: 2)),
            HaReasons.FollowerNoAction("n2", "n1"));
        yield return RuleRow.Of(Follower(Postgres.Starting()), HaReasons.FollowerStartingWait("n1"));
        yield return RuleRow.Of(Follower(Postgres.NotResponding(inRecovery: true)), HaReasons.FollowerUnresponsive("n1"));
        yield return RuleRow.Of("follower", Follower(Postgres.Stopped(inRecovery: true, systemId: "8000")), HaReasons.SystemIdMismatch);
        yield return RuleRow.Of(Follower(Postgres.Stopped(inRecovery: true)), HaReasons.FollowerStartReplica("n1"), new StartPostgres(StartRole.Replica, "n1"));
        yield return RuleRow.Of("former primary on the leader's timeline", Follower(Postgres.Stopped(inRecovery: false)),
            HaReasons.FollowerStartReplica("n1"), new StartPostgres(StartRole.Replica, "n1"));
        yield return RuleRow.Of(Follower(Postgres.Stopped(inRecovery: false), cluster: Cluster.WithLeader("n1").Member("n1", role: MemberRole.Replica)),
            HaReasons.FollowerWaitLeaderPromotion("n1"));
        yield return RuleRow.Of(Follower(Postgres.Stopped(inRecovery: false), usePgRewind: true, cluster: Cluster.WithLeader("n1", timeline: 2)),
            HaReasons.FollowerRewind("n1"), new Rewind("n1"));
        LocalPostgres cleanlyStopped = Postgres.Stopped(inRecovery: false, lsn: 100) with { ClusterState = "shut down" };
        yield return RuleRow.Of("former primary shut down cleanly before the fork", Follower(cleanlyStopped, Memory.Fresh with { NeedsRewindCheck = true },
                usePgRewind: true, cluster: Cluster.WithLeader("n1", timeline: 2).History(1, 220)),
            HaReasons.FollowerStartReplica("n1"), new StartPostgres(StartRole.Replica, "n1"));
        yield return RuleRow.Of("former primary shut down cleanly at the fork", Follower(cleanlyStopped, usePgRewind: true,
                cluster: Cluster.WithLeader("n1", timeline: 2).History(1, 100)),
            HaReasons.FollowerRewind("n1"), new Rewind("n1"));
        yield return RuleRow.Of("former primary shut down cleanly, no history of its timeline", Follower(cleanlyStopped, usePgRewind: true,
                cluster: Cluster.WithLeader("n1", timeline: 2).History(2, 500)),
            HaReasons.FollowerRewind("n1"), new Rewind("n1"));
        yield return RuleRow.Of("former primary that crashed before the fork", Follower(cleanlyStopped with { ClusterState = "in production" },
                usePgRewind: true, cluster: Cluster.WithLeader("n1", timeline: 2).History(1, 220)),
            HaReasons.FollowerRewind("n1"), new Rewind("n1"));
        yield return RuleRow.Of("demoted replica remembers it must check", Follower(Postgres.Stopped(inRecovery: true),
            Memory.Fresh with { NeedsRewindCheck = true }, usePgRewind: true, cluster: Cluster.WithLeader("n1", timeline: 2)),
            HaReasons.FollowerRewind("n1"), new Rewind("n1"));
        yield return RuleRow.Of(Follower(Postgres.Stopped(inRecovery: false), cluster: Cluster.WithLeader("n1", timeline: 2)),
            HaReasons.FollowerReclone("n1"), new RemoveDataDirectory("diverged timeline"));
        AgentMemory diverged = Memory.Fresh with { StartFailedDiverged = true, FailedStarts = 1 };
        yield return RuleRow.Of(Follower(Postgres.Stopped(inRecovery: true), diverged, usePgRewind: true, cluster: Cluster.WithLeader("n1", timeline: 2)),
            HaReasons.FollowerRewindDivergedStart("n1"), new Rewind("n1"));
        yield return RuleRow.Of("on the leader's timeline by its control file", Follower(Postgres.Stopped(inRecovery: true, timeline: 2), diverged,
            usePgRewind: true, cluster: Cluster.WithLeader("n1", timeline: 2)), HaReasons.FollowerRewindDivergedStart("n1"), new Rewind("n1"));
        yield return RuleRow.Of(Follower(Postgres.Stopped(inRecovery: true), diverged, cluster: Cluster.WithLeader("n1", timeline: 2)),
            HaReasons.FollowerRecloneDivergedStart("n1"), new RemoveDataDirectory("PostgreSQL refused the leader's timeline"));
        yield return RuleRow.Of("a rewind did not help", Follower(Postgres.Stopped(inRecovery: true), diverged with { RewoundForDivergedStart = true },
            usePgRewind: true, cluster: Cluster.WithLeader("n1", timeline: 2)),
            HaReasons.FollowerRecloneDivergedStart("n1"), new RemoveDataDirectory("PostgreSQL refused the leader's timeline"));
        yield return RuleRow.Of("replica whose start failed diverged", Follower(Postgres.Stopped(inRecovery: true), diverged, usePgRewind: true,
            cluster: Cluster.WithLeader("n1").Member("n1", role: MemberRole.Replica)), HaReasons.FollowerWaitLeaderPromotion("n1"));
        yield return RuleRow.Of("replica whose start failed otherwise keeps starting", Follower(Postgres.Stopped(inRecovery: true),
            Memory.Fresh with { FailedStarts = 5 }, usePgRewind: true, cluster: Cluster.WithLeader("n1", timeline: 2)),
            HaReasons.FollowerStartReplica("n1"), new StartPostgres(StartRole.Replica, "n1"));
        yield return RuleRow.Of("demoted replica that replayed the leader's timeline", Follower(Postgres.Stopped(inRecovery: true, timeline: 2),
            Memory.Fresh with { NeedsRewindCheck = true }, usePgRewind: true, cluster: Cluster.WithLeader("n1", timeline: 2).History(timeline: 1, lsn: 50)),
            HaReasons.FollowerStartReplica("n1"), new StartPostgres(StartRole.Replica, "n1"));
    }

    private static IEnumerable<RuleRow> RaceRows()
    {
        HaInput Race(LocalPostgres pg, HaSettings? settings = null, ClusterBuilder? cluster = null, params PeerReport[] peers) =>
            Input.For(settings ?? Settings.For("n2")).Sees(cluster ?? Cluster.WithoutLeader().LastLsn(100)).Finds(pg).Probes(peers);

        yield return RuleRow.Of(Race(Postgres.Starting()), HaReasons.RaceWaitStarting);
        yield return RuleRow.Of(Race(Postgres.NotResponding(inRecovery: true)), HaReasons.RaceWaitUnresponsive);
        yield return RuleRow.Of(Race(Postgres.NotResponding(inRecovery: false)),
            HaReasons.RaceDemote("PostgreSQL does not answer queries"), DemoteNoLock);
        yield return RuleRow.Of("leader race", Race(Postgres.Stopped(inRecovery: true, systemId: "8000")), HaReasons.SystemIdMismatch);
        yield return RuleRow.Of(Race(Postgres.Stopped(inRecovery: true)), HaReasons.RaceStartReplica, new StartPostgres(StartRole.Replica, null));
        yield return RuleRow.Of("former primary that handed over for a switchover less than ttl ago", Input.For(Settings.For("n2"))
            .Sees(Cluster.WithoutLeader().LastLsn(100)).Finds(Postgres.Stopped(inRecovery: false))
            .Remembers(Memory.Fresh with { NeedsRewindCheck = true, HandedOverAt = Clock.T0 }).At(Clock.T0 + TimeSpan.FromSeconds(29)),
            HaReasons.RaceWaitHandover);
        yield return RuleRow.Of("former primary whose switchover candidate did not take over within ttl", Input.For(Settings.For("n2"))
            .Sees(Cluster.WithoutLeader().LastLsn(100)).Finds(Postgres.Stopped(inRecovery: false))
            .Remembers(Memory.Fresh with { NeedsRewindCheck = true, HandedOverAt = Clock.T0 }).At(Clock.T0 + TimeSpan.FromSeconds(30)),
            HaReasons.RaceStartReplica, new StartPostgres(StartRole.Replica, null));
        yield return RuleRow.Of(Race(Postgres.RunningReplica(lsn: 100), peers: [Peers.Replica("n3", lsn: 90), Peers.Unreachable("n1")]),
            HaReasons.RaceAcquirePromote, new AcquireLeaderLock(), new Promote());
        yield return RuleRow.Of("manual failover candidate", Race(Postgres.RunningReplica(lsn: 50),
            cluster: Cluster.WithoutLeader().LastLsn(100).Failover(candidate: "n2"), peers: [Peers.Replica("n3", lsn: 100)]),
            HaReasons.RaceAcquirePromote, new AcquireLeaderLock(), new Promote(), new ClearFailoverKey());
        yield return RuleRow.Of(Race(Postgres.RunningPrimary(), peers: [Peers.Replica("n3", lsn: 200)]),
            HaReasons.RaceAcquireAsPrimary, new AcquireLeaderLock());
        yield return RuleRow.Of(Race(Postgres.RunningPrimary(), Settings.For("n2", noFailover: true)),
            HaReasons.RaceDemote("I am tagged nofailover"), DemoteNoLock);
    }

    private static IEnumerable<RuleRow> CandidateRows()
    {
        HaInput Race(HaSettings settings, ClusterBuilder cluster, long lsn, params PeerReport[] peers) =>
            Input.For(settings).Sees(cluster).Finds(Postgres.RunningReplica(lsn)).Probes(peers);

        yield return RuleRow.Of(Race(Settings.For("n2", noFailover: true), Cluster.WithoutLeader(), 100),
            HaReasons.RaceNotHealthiest("I am tagged nofailover"));
        yield return RuleRow.Of(Race(Settings.For("n2"), Cluster.WithoutLeader().Failover(candidate: "n3"), 100, Peers.Replica("n3", lsn: 90)),
            HaReasons.RaceNotHealthiest("a manual failover to (n3) was requested"));
        yield return RuleRow.Of("unreachable manual failover candidate",
            Race(Settings.For("n2"), Cluster.WithoutLeader().Failover(candidate: "n3"), 100, Peers.Unreachable("n3")),
            HaReasons.RaceAcquirePromote, new AcquireLeaderLock(), new Promote(), new ClearFailoverKey());
        yield return RuleRow.Prefix(Race(Settings.For("n2", maximumLagOnFailover: 1000), Cluster.WithoutLeader().LastLsn(5000), 100),
            "following a different leader because I am not the healthiest node: my WAL is 4900 bytes behind");
        yield return RuleRow.Of("lagging, even when every peer is gone",
            Race(Settings.For("n2", maximumLagOnFailover: 1000), Cluster.WithoutLeader().LastLsn(5000), 100, Peers.Unreachable("n1"), Peers.Unreachable("n3")),
            HaReasons.RaceNotHealthiest("my WAL is 4900 bytes behind the last leader position, more than maximum_lag_on_failover 1000"));
        yield return RuleRow.Of(Race(Settings.For("n2"), Cluster.WithoutLeader(), 100, Peers.Primary("n1", lsn: 100)),
            HaReasons.RaceNotHealthiest("primary (n1) is still alive"));
        yield return RuleRow.Of(Race(Settings.For("n2"), Cluster.WithoutLeader(), 100, Peers.Replica("n3", lsn: 120)),
            HaReasons.RaceNotHealthiest("member (n3) is ahead of me"));
        yield return RuleRow.Of("a nofailover peer ahead does not count",
            Race(Settings.For("n2"), Cluster.WithoutLeader(), 100, Peers.Replica("n3", lsn: 120, noFailover: true)),
            HaReasons.RaceAcquirePromote, new AcquireLeaderLock(), new Promote());
        yield return RuleRow.Of("a replica whose pg_wal refuses writes (a former primary that stepped down for it)",
            Input.For("n2").Sees(Cluster.WithoutLeader()).Finds(Postgres.RunningReplica(200) with { WalWrite = WalWriteCheck.Failed, WalWriteError = "ERROR 42501: denied" })
                .Probes(Peers.Replica("n3", lsn: 100)),
            HaReasons.RaceNotHealthiest("my WAL cannot be written (ERROR 42501: denied)"));
        yield return RuleRow.Of("a replica whose pg_wal refuses writes, even when a failover names it",
            Input.For("n2").Sees(Cluster.WithoutLeader().Failover(candidate: "n2")).Finds(Postgres.RunningReplica(200) with { WalWrite = WalWriteCheck.Failed, WalWriteError = "ERROR 42501: denied" }),
            HaReasons.RaceNotHealthiest("my WAL cannot be written (ERROR 42501: denied)"));
        yield return RuleRow.Of("a primary without the key whose pg_wal refuses writes",
            Input.For("n2").Sees(Cluster.WithoutLeader()).Finds(Postgres.RunningPrimary() with { WalWrite = WalWriteCheck.Failed, WalWriteError = "ERROR 53100: disk full" }),
            HaReasons.RaceDemote("my WAL cannot be written (ERROR 53100: disk full)"), DemoteNoLock);
        yield return RuleRow.Of("a manual failover candidate that cannot lead does not hold the others back",
            Race(Settings.For("n2"), Cluster.WithoutLeader().Failover(candidate: "n3"), 100, Peers.Replica("n3", lsn: 90, noFailover: true)),
            HaReasons.RaceAcquirePromote, new AcquireLeaderLock(), new Promote(), new ClearFailoverKey());
        yield return RuleRow.Of("an unreachable peer ahead does not count",
            Race(Settings.For("n2"), Cluster.WithoutLeader(), 100, Peers.Unreachable("n3")),
            HaReasons.RaceAcquirePromote, new AcquireLeaderLock(), new Promote());
        yield return RuleRow.Of("switchover target not running",
            Input.For("n1").Sees(Cluster.WithLeader("n1").Member("n2", state: "stopped").Failover("n1", "n2")).Finds(Postgres.RunningPrimary()).Remembers(Memory.LeaderRefreshed(5)),
            HaReasons.ManualFailoverImpossible("n2"), new RefreshLeaderLock(), new ClearFailoverKey());
        yield return RuleRow.Of("switchover target is not a replica",
            Input.For("n1").Sees(Cluster.WithLeader("n1").Member("n2", role: MemberRole.Uninitialized).Failover("n1", "n2")).Finds(Postgres.RunningPrimary()).Remembers(Memory.LeaderRefreshed(5)),
            HaReasons.ManualFailoverImpossible("n2"), new RefreshLeaderLock(), new ClearFailoverKey());
    }
}

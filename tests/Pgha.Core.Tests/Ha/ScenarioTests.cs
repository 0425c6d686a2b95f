using Microsoft.Extensions.Time.Testing;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>Multi-cycle sequences on a fake clock, each cycle fed the memory the previous one returned.</summary>
public sealed class ScenarioTests
{
    private static readonly TimeSpan LoopWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(Clock.T0);

    [Fact]
    public void A_replica_that_sees_the_leader_key_gone_takes_over_in_its_first_cycle()
    {
        var n2 = new ScenarioNode(Settings.For("n2"), _time);
        ClusterView withLeader = Cluster.WithLeader("n1", lsn: 500).Member("n2", lsn: 500).Member("n3", lsn: 480).LastLsn(500);
        Assert.Equal([new FollowLeader("n1")], n2.Cycle(withLeader, Postgres.RunningReplica(lsn: 500)).Actions);
        Assert.Empty(n2.Cycle(withLeader, Postgres.RunningReplica(lsn: 500)).Actions);

        n2.Wait(TimeSpan.FromSeconds(3));
        HaDecision takeover = n2.Cycle(Cluster.WithoutLeader().Member("n3", lsn: 480).LastLsn(500), Postgres.RunningReplica(lsn: 500),
            peers: [Peers.Unreachable("n1"), Peers.Replica("n3", lsn: 480)]);

        Assert.Equal(HaReasons.RaceAcquirePromote, takeover.Reason);
        Assert.Equal([new AcquireLeaderLock(), new Promote()], takeover.Actions);
    }

    [Fact]
    public void A_leader_whose_key_refresh_etcd_refuses_demotes_in_the_next_cycle()
    {
        var n1 = new ScenarioNode(Settings.For("n1"), _time);
        ClusterView cluster = Cluster.WithLeader("n1");
        n1.Cycle(cluster, Postgres.RunningPrimary());

        n1.Wait(LoopWait);
        Assert.Equal([new RefreshLeaderLock()], n1.Cycle(cluster, Postgres.RunningPrimary(), KeyAnswer.NotYours).Actions);
        HaDecision fence = n1.Cycle(ClusterView.Unreachable, Postgres.RunningPrimary());

        Assert.Equal(HaReasons.DemoteLockRefreshFailed, fence.Reason);
        Assert.Equal([new Demote(DemoteMode.ImmediateNoLock)], fence.Actions);
    }

    [Fact]
    public void A_leader_whose_key_refreshes_get_no_answer_keeps_its_role_until_ttl_minus_margin_then_demotes()
    {
        var n1 = new ScenarioNode(Settings.For("n1"), _time);
        ClusterView cluster = Cluster.WithLeader("n1");
        n1.Cycle(cluster, Postgres.RunningPrimary());
        DateTimeOffset lastRefresh = n1.Now;

        n1.Wait(LoopWait);
        Assert.Equal([new RefreshLeaderLock()], n1.Cycle(cluster, Postgres.RunningPrimary(), KeyAnswer.NoAnswer).Actions);
        n1.Wait(LoopWait);
        HaDecision riding = n1.Cycle(ClusterView.Unreachable, Postgres.RunningPrimary());
        Assert.Empty(riding.Actions);
        Assert.Equal(HaReasons.NoDcsKeepPrimary(TimeSpan.FromSeconds(5)), riding.Reason);
        n1.Wait(TimeSpan.FromSeconds(5));
        HaDecision fence = n1.Cycle(ClusterView.Unreachable, Postgres.RunningPrimary());

        Assert.StartsWith("demoting: leader key last refreshed 25s ago", fence.Reason, StringComparison.Ordinal);
        Assert.Equal([new Demote(DemoteMode.ImmediateNoLock)], fence.Actions);
        Assert.True(n1.Now - lastRefresh < Ttl);
    }

    [Fact]
    public void A_leader_whose_fence_stopped_postgres_after_the_proof_ran_out_forgets_the_key_and_no_longer_cycles_at_once()
    {
        var n1 = new ScenarioNode(Settings.For("n1"), _time);
        ClusterView cluster = Cluster.WithLeader("n1");
        n1.Cycle(cluster, Postgres.RunningPrimary());
        n1.Wait(LoopWait);
        n1.Cycle(cluster, Postgres.RunningPrimary(), KeyAnswer.NoAnswer);
        Assert.True(n1.Memory.LeaderKeyInDoubt);

        n1.Wait(TimeSpan.FromSeconds(16)); // past ttl − margin: the fence process stopped PostgreSQL before the agent's next decision
        HaDecision after = n1.Cycle(ClusterView.Unreachable, Postgres.Stopped(inRecovery: false));

        Assert.Equal(HaReasons.NoDcs, after.Reason);
        Assert.False(n1.Memory.HoldsLeaderKey);
        Assert.False(n1.Memory.LeaderKeyInDoubt);
        Assert.Null(n1.Memory.LeaderKeyRefreshedAt);
    }

    [Fact]
    public void A_leader_whose_refresh_got_no_answer_refreshes_again_when_etcd_is_back_and_stays()
    {
        var n1 = new ScenarioNode(Settings.For("n1"), _time);
        ClusterView cluster = Cluster.WithLeader("n1");
        n1.Cycle(cluster, Postgres.RunningPrimary());

        n1.Wait(LoopWait);
        n1.Cycle(cluster, Postgres.RunningPrimary(), KeyAnswer.NoAnswer);
        n1.Wait(TimeSpan.FromSeconds(2));
        HaDecision back = n1.Cycle(cluster, Postgres.RunningPrimary());

        Assert.Equal([new RefreshLeaderLock()], back.Actions);
        Assert.False(n1.Memory.LeaderKeyInDoubt);
        Assert.Equal(n1.Now, n1.Memory.LeaderKeyRefreshedAt);
    }

    [Fact]
    public void A_leader_whose_cycles_stall_demotes_on_its_own_clock_before_the_ttl_runs_out()
    {
        var n1 = new ScenarioNode(Settings.For("n1"), _time);
        n1.Cycle(Cluster.WithLeader("n1"), Postgres.RunningPrimary());

        n1.Wait(TimeSpan.FromSeconds(26));
        HaDecision late = n1.Cycle(Cluster.WithLeader("n1"), Postgres.RunningPrimary());

        Assert.StartsWith("demoting: leader key last refreshed 26s ago", late.Reason, StringComparison.Ordinal);
        Assert.Equal([new Demote(DemoteMode.ImmediateNoLock)], late.Actions);
        Assert.True(n1.Memory.NeedsRewindCheck);
    }

    [Fact]
    public void A_leader_that_cannot_read_etcd_keeps_its_role_on_the_last_refresh_then_demotes_before_the_ttl()
    {
        var n1 = new ScenarioNode(Settings.For("n1"), _time);
        n1.Cycle(Cluster.WithLeader("n1"), Postgres.RunningPrimary());
        DateTimeOffset lastRefresh = n1.Now;

        n1.Wait(LoopWait + TimeSpan.FromSeconds(10)); // the read failed only after retry_timeout
        HaDecision riding = n1.Cycle(Cluster.Unreachable, Postgres.RunningPrimary());
        Assert.Empty(riding.Actions);
        Assert.True(n1.Memory.HoldsLeaderKey && n1.Memory.LeaderKeyInDoubt);
        n1.Wait(TimeSpan.FromSeconds(5)); // the next read ends when the proof does
        HaDecision fence = n1.Cycle(Cluster.Unreachable, Postgres.RunningPrimary());

        Assert.Equal([new Demote(DemoteMode.ImmediateNoLock)], fence.Actions);
        Assert.False(n1.Memory.HoldsLeaderKey);
        Assert.True(n1.Now - lastRefresh < Ttl);
    }

    [Fact]
    public void A_crashed_leader_restarts_in_place_and_keeps_its_key_throughout()
    {
        var n1 = new ScenarioNode(Settings.For("n1"), _time);
        ClusterView cluster = Cluster.WithLeader("n1");
        n1.Cycle(cluster, Postgres.RunningPrimary());

        n1.Wait(LoopWait);
        HaDecision restart = n1.Cycle(cluster, Postgres.Stopped(inRecovery: false));
        n1.Wait(TimeSpan.FromSeconds(2));
        HaDecision starting = n1.Cycle(cluster, Postgres.Starting(inRecovery: false));
        n1.Wait(LoopWait);
        HaDecision running = n1.Cycle(cluster, Postgres.RunningPrimary());

        Assert.Equal([new RefreshLeaderLock(), new StartPostgres(StartRole.Primary, null)], restart.Actions);
        Assert.Equal([new RefreshLeaderLock()], starting.Actions);
        Assert.Equal(HaReasons.LeaderNoAction("n1"), running.Reason);
        Assert.True(n1.Memory.HoldsLeaderKey);
    }

    [Fact]
    public void A_leader_gives_up_its_key_after_three_failed_starts()
    {
        var n1 = new ScenarioNode(Settings.For("n1"), _time);
        ClusterView cluster = Cluster.WithLeader("n1");
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HaReasons.LeaderRestartCrashed("n1"), n1.Cycle(cluster, Postgres.Stopped(inRecovery: false)).Reason);
            n1.Learn(m => m with { FailedStarts = m.FailedStarts + 1 });
            n1.Wait(LoopWait);
        }

        HaDecision giveUp = n1.Cycle(cluster, Postgres.Stopped(inRecovery: false));

        Assert.Equal(HaReasons.LeaderGiveUpStarts, giveUp.Reason);
        Assert.Equal([new ReleaseLeaderLock()], giveUp.Actions);
    }

    [Fact]
    public void A_hung_leader_keeps_its_key_one_cycle_then_demotes_and_releases_it()
    {
        var n1 = new ScenarioNode(Settings.For("n1"), _time);
        ClusterView cluster = Cluster.WithLeader("n1");
        n1.Cycle(cluster, Postgres.RunningPrimary());

        n1.Wait(LoopWait);
        HaDecision first = n1.Cycle(cluster, Postgres.NotResponding());
        n1.Wait(LoopWait);
        HaDecision second = n1.Cycle(cluster, Postgres.NotResponding());

        Assert.Equal([new RefreshLeaderLock()], first.Actions);
        Assert.Equal([new Demote(DemoteMode.Immediate), new ReleaseLeaderLock()], second.Actions);
        Assert.False(n1.Memory.HoldsLeaderKey);
    }

    [Fact]
    public void A_switchover_demotes_the_leader_and_the_candidate_wins_the_race()
    {
        var n1 = new ScenarioNode(Settings.For("n1"), _time);
        var n2 = new ScenarioNode(Settings.For("n2"), _time);
        n1.Cycle(Cluster.WithLeader("n1"), Postgres.RunningPrimary());

        HaDecision demote = n1.Cycle(Cluster.WithLeader("n1").Member("n2", lsn: 100).Member("n3", lsn: 100).Failover("n1", "n2").LastLsn(100), Postgres.RunningPrimary());
        HaDecision promote = n2.Cycle(Cluster.WithoutLeader().Member("n3", lsn: 100).Failover("n1", "n2").LastLsn(100), Postgres.RunningReplica(lsn: 100),
            peers: [Peers.Replica("n3", lsn: 100)]);

        Assert.Equal([new RefreshLeaderLock(), new Demote(DemoteMode.Graceful, HandOverTo: "n2")], demote.Actions);
        Assert.Equal([new AcquireLeaderLock(), new Promote(), new ClearFailoverKey()], promote.Actions);
    }

    [Fact]
    public void A_new_cluster_bootstraps_then_takes_the_leader_key_and_publishes_its_system_id()
    {
        var n1 = new ScenarioNode(Settings.For("n1"), _time);

        HaDecision claim = n1.Cycle(Cluster.Empty(), Postgres.NoData);
        HaDecision running = n1.Cycle(Cluster.Empty().Initialized(""), Postgres.Starting(inRecovery: false),
            longAction: new LongActionStatus(LongActionNames.Bootstrap, Running: true, Failed: false, null));
        HaDecision finished = n1.Cycle(Cluster.Empty().Initialized(""), Postgres.RunningPrimary(),
            longAction: new LongActionStatus(LongActionNames.Bootstrap, Running: false, Failed: false, null));
        HaDecision leading = n1.Cycle(Cluster.WithLeader("n1"), Postgres.RunningPrimary());

        Assert.Equal([new ClaimInitializeKey(), new BootstrapCluster()], claim.Actions);
        Assert.Empty(running.Actions);
        Assert.Equal([new AcquireLeaderLock(), new PublishInitialize("7000")], finished.Actions);
        Assert.Equal([new RefreshLeaderLock()], leading.Actions);
        Assert.False(n1.Memory.Bootstrapping);
    }

    [Fact]
    public void A_primary_demoted_offline_in_an_etcd_outage_is_stopped_and_rewound_when_a_newer_leader_appears()
    {
        var n1 = new ScenarioNode(Settings.For("n1", usePgRewind: true), _time);
        n1.Cycle(Cluster.WithLeader("n1"), Postgres.RunningPrimary(timeline: 1));
        n1.Wait(TimeSpan.FromSeconds(25)); // the leadership proof ran out while etcd stayed unreachable
        n1.Cycle(Cluster.Unreachable, Postgres.RunningPrimary(timeline: 1));
        ClusterView newLeader = Cluster.WithLeader("n2", timeline: 2);

        n1.Wait(LoopWait);
        HaDecision stop = n1.Cycle(newLeader, Postgres.RunningReplica(timeline: 1));
        n1.Wait(LoopWait);
        HaDecision rewind = n1.Cycle(newLeader, Postgres.Stopped(inRecovery: true, timeline: 1));

        Assert.Equal([new Demote(DemoteMode.ImmediateNoLock)], stop.Actions);
        Assert.Equal([new Rewind("n2")], rewind.Actions);
    }
}

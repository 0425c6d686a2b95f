using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>
/// The synchronous replication rows of the HA rule table (<see cref="HaRulesTests"/>): the leader's add and remove steps
/// in Patroni's order, promotion with synchronous mode, and who may race for the key.
/// </summary>
internal static class SyncRuleRows
{
    private const string N2 = "\"n2\"";
    private const string N3 = "\"n3\"";

    public static IEnumerable<RuleRow> All() => LeaderRows().Concat(RemovalRows()).Concat(PromotionRows()).Concat(RaceRows());

    private static HaInput Leader(LocalPostgres pg, ClusterBuilder cluster, bool sync = true, bool strict = false, int nodes = 1) =>
        Input.For(Settings.For("n1", synchronousMode: sync, strict: strict) with { SynchronousNodeCount = nodes })
            .Sees(cluster).Finds(pg).Remembers(Memory.LeaderRefreshed(5));

    private static ClusterBuilder Three => Cluster.WithLeader("n1").Member("n2").Member("n3");

    private static IEnumerable<RuleRow> LeaderRows()
    {
        yield return RuleRow.Of("sync mode turned on: the setting names the furthest standby, the key names nobody yet",
            Leader(Postgres.SyncPrimary("", Postgres.Streaming("n2", flush: 100), Postgres.Streaming("n3", flush: 90)), Three),
            HaReasons.SyncNamesSet("n1", N2), new RefreshLeaderLock(), new WriteSyncKey("n1", null, null), new SetSynchronousStandbyNames(N2));
        yield return RuleRow.Of("a named standby is not in the key before PostgreSQL reports it sync",
            Leader(Postgres.SyncPrimary(N2, Postgres.Streaming("n2"), Postgres.Streaming("n3")), Three.Sync("n1")),
            HaReasons.LeaderNoAction("n1"), new RefreshLeaderLock());
        yield return RuleRow.Of("adding: the key names the standby once PostgreSQL reports it sync",
            Leader(Postgres.SyncPrimary(N2, Postgres.Streaming("n2", "sync"), Postgres.Streaming("n3")), Three.Sync("n1")),
            HaReasons.SyncKeyAssigned("n1", "n2"), new RefreshLeaderLock(), new WriteSyncKey("n1", "n2", 20));
        yield return RuleRow.Of("sync standby in place",
            Leader(Postgres.SyncPrimary(N2, Postgres.Streaming("n2", "sync"), Postgres.Streaming("n3")), Three.Sync("n1", "n2")),
            HaReasons.LeaderNoAction("n1"), new RefreshLeaderLock());
        yield return RuleRow.Of("a key left by the former leader is rewritten for me",
            Leader(Postgres.SyncPrimary(N2, Postgres.Streaming("n2", "sync")), Three.Sync("n0", "n2")),
            HaReasons.SyncKeyAssigned("n1", "n2"), new RefreshLeaderLock(), new WriteSyncKey("n1", "n2", 20));
        yield return RuleRow.Of("synchronous_node_count 2 names two standbys",
            Leader(Postgres.SyncPrimary("", Postgres.Streaming("n2"), Postgres.Streaming("n3")), Three.Sync("n1"), nodes: 2),
            HaReasons.SyncNamesSet("n1", "2 (\"n2\",\"n3\")"), new RefreshLeaderLock(), new SetSynchronousStandbyNames("2 (\"n2\",\"n3\")"));
        yield return RuleRow.Of("nosync and stopped members are never named",
            Leader(Postgres.SyncPrimary("", Postgres.Streaming("n2"), Postgres.Streaming("n3")), Three.Sync("n1").Member("n2", noSync: true).Member("n3", state: "stopped")),
            HaReasons.LeaderNoAction("n1"), new RefreshLeaderLock());
        yield return RuleRow.Of("synchronous_mode off: key deleted first, then the setting handed back",
            Leader(Postgres.SyncPrimary(N2, Postgres.Streaming("n2", "sync")), Three.Sync("n1", "n2"), sync: false),
            HaReasons.SyncDisabled("n1"), new RefreshLeaderLock(), new DeleteSyncKey(20), new SetSynchronousStandbyNames(null));
    }

    private static IEnumerable<RuleRow> RemovalRows()
    {
        yield return RuleRow.Of("removing: the key drops the standby before the setting stops waiting for it",
            Leader(Postgres.SyncPrimary(N2, Postgres.Streaming("n2", "sync"), Postgres.Streaming("n3")), Three.Sync("n1", "n2").Member("n2", noSync: true)),
            HaReasons.SyncNamesSet("n1", N3), new RefreshLeaderLock(), new WriteSyncKey("n1", null, 20), new SetSynchronousStandbyNames(N3));
        yield return RuleRow.Of("strict mode without standbys makes every commit wait",
            Leader(Postgres.SyncPrimary(N2), Three.Sync("n1", "n2"), strict: true),
            HaReasons.SyncNamesSet("n1", "*"), new RefreshLeaderLock(), new WriteSyncKey("n1", null, 20), new SetSynchronousStandbyNames("*"));
        yield return RuleRow.Of("non-strict mode without standbys runs asynchronously",
            Leader(Postgres.SyncPrimary(""), Three.Sync("n1")),
            HaReasons.LeaderNoAction("n1"), new RefreshLeaderLock());
    }

    private static IEnumerable<RuleRow> PromotionRows()
    {
        yield return RuleRow.Of("sync mode: the key names only me and strict mode waits before promoting",
            Leader(Postgres.RunningReplica(), Three.Sync("n0", "n1"), strict: true),
            HaReasons.LeaderPromote("n1"), new RefreshLeaderLock(), new WriteSyncKey("n1", null, 20), new SetSynchronousStandbyNames("*"), new Promote());
        yield return RuleRow.Of("sync mode: the sync standby wins the race and resets the key before promoting",
            Race("n2", Cluster.WithoutLeader().Member("n3").Sync("n1", "n2"), Peers.Unreachable("n1"), Peers.Replica("n3", lsn: 90)),
            HaReasons.RaceAcquirePromote, new AcquireLeaderLock(), new WriteSyncKey("n2", null, 20), new SetSynchronousStandbyNames(""), new Promote());
    }

    private static IEnumerable<RuleRow> RaceRows()
    {
        yield return RuleRow.Of(Race("n3", Cluster.WithoutLeader().Sync("n1", "n2"), Peers.Unreachable("n1"), Peers.Unreachable("n2")),
            HaReasons.RaceNotHealthiest("synchronous_mode is on and I am not in the sync key (n1,n2)"));
        yield return RuleRow.Of("a non-synchronous peer ahead of the sync standby does not count",
            Race("n2", Cluster.WithoutLeader().Sync("n1", "n2"), Peers.Unreachable("n1"), Peers.Replica("n3", lsn: 500)),
            HaReasons.RaceAcquirePromote, new AcquireLeaderLock(), new WriteSyncKey("n2", null, 20), new SetSynchronousStandbyNames(""), new Promote());
        // Its leader acknowledged commits no standby confirmed (e.g. killed right after its own promotion): promoting
        // anyone else would lose them. Seen by `pgha verify` as 281 lost writes before this rule.
        yield return RuleRow.Of("a sync key without standbys lets no member but its leader race",
            Race("n3", Cluster.WithoutLeader().Sync("n1"), Peers.Unreachable("n1"), Peers.Replica("n2", lsn: 90)),
            HaReasons.RaceNotHealthiest("synchronous_mode is on and I am not in the sync key (n1)"));
        yield return RuleRow.Of("sync mode: a switchover naming me is refused when I am not in the sync key",
            Race("n3", Cluster.WithoutLeader().Sync("n1", "n2").Failover("n1", "n3"), Peers.Unreachable("n1"), Peers.Replica("n2", lsn: 90)),
            HaReasons.RaceNotHealthiest("synchronous_mode is on and I am not in the sync key (n1,n2)"));
        yield return RuleRow.Of("sync mode: a switchover to a member outside the sync key does not hold back the sync standby",
            Race("n2", Cluster.WithoutLeader().Sync("n1", "n2").Failover("n1", "n3"), Peers.Unreachable("n1"), Peers.Replica("n3", lsn: 90)),
            HaReasons.RaceAcquirePromote, new AcquireLeaderLock(), new WriteSyncKey("n2", null, 20), new SetSynchronousStandbyNames(""), new Promote(), new ClearFailoverKey());
        yield return RuleRow.Of("sync mode: switchover to a member outside the sync key",
            Leader(Postgres.SyncPrimary(N2, Postgres.Streaming("n2", "sync")), Three.Sync("n1", "n2").Failover("n1", "n3").LastLsn(100)),
            HaReasons.ManualFailoverImpossible("n3"), new RefreshLeaderLock(), new ClearFailoverKey());
    }

    private static HaInput Race(string me, ClusterBuilder cluster, params PeerReport[] peers) =>
        Input.For(Settings.For(me, synchronousMode: true)).Sees(cluster.LastLsn(100)).Finds(Postgres.RunningReplica(lsn: 100)).Probes(peers);
}

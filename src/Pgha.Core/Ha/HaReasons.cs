using System.Globalization;

namespace Pgha.Core.Ha;

/// <summary>
/// Every reason an HA cycle can log, in one place. HaRuleCatalog.md lists each of them with the rule behind it;
/// a unit test fails when the two disagree. Wording follows Patroni's where one exists, so log readers feel at home.
/// </summary>
public static class HaReasons
{
    // Self-fencing
    public const string DemoteLockRefreshFailed = "demoting: could not refresh the leader key";
    public static string DemoteLockExpiring(TimeSpan since, TimeSpan ttl) =>
        Fmt("demoting: leader key last refreshed {0:0.#}s ago, too close to ttl {1:0.#}s", since.TotalSeconds, ttl.TotalSeconds);

    // Long actions
    public static string LongActionInProgress(string name) => $"{name} in progress";
    public const string BootstrapFinished = "initialized a new cluster";
    public static string BootstrapFailed(string? error) => $"bootstrap failed, releasing the initialize key: {error}";
    public static string LongActionFailed(string name, string? error) => $"{name} failed, will retry: {error}";
    public static string RewindFailed(string? error) => $"rewind failed, moving the data directory aside to clone again: {error}";
    public static string LongActionFinished(string name) => $"{name} finished";

    // etcd unreachable
    public const string DemoteNoDcs = "demoting: etcd is not accessible, cannot keep the leader key";
    public const string NoDcsStartReadOnly = "etcd is not accessible; starting PostgreSQL read-only";
    public const string NoDcs = "etcd is not accessible";
    public static string NoDcsKeepPrimary(TimeSpan left) =>
        Fmt("etcd is not accessible; keeping the primary role on the last leader key refresh for {0:0.#}s more", left.TotalSeconds);

    // Failsafe mode (etcd lost, every member still answers)
    public const string FailsafeStay = "continue to run as a leader because failsafe mode is enabled and all members are accessible";
    public static string FailsafeDemote(string refused) => $"demoting: etcd is not accessible and failsafe mode could not reach every member: {refused}";
    public static string FailsafeNoRace(string primary) => $"not racing: primary ({primary}) is in failsafe mode";
    public const string FailsafeNotListed = "not racing: failsafe mode is enabled and I am not in the failsafe member list";

    // No data directory
    public const string Bootstrapping = "trying to bootstrap a new cluster";
    public const string BootstrapGaveUp = "bootstrap failed 3 times; not trying again: fix the cause shown above and restart the agent";
    public static string CloneFrom(string source) => $"trying to bootstrap from {(source.Length > 0 ? $"member '{source}'" : "leader")}";
    public const string WaitForLeaderToBootstrap = "waiting for leader to bootstrap";
    public const string ReleaseLockNoData = "releasing the leader key: no data directory";
    public const string NoDataNotBootstrapping = "no data directory and cannot bootstrap: no bootstrap section or tagged nofailover; waiting for a leader";

    // Paused
    public const string PausedNoAction = "PAUSE: no action";
    public const string PausedTakeFreeKey = "PAUSE: acquired the free leader key as the running primary";

    // Leader
    public static string LeaderNoAction(string me) => $"no action. I am ({me}), the leader with the lock";
    public static string LeaderPromote(string me) => $"promoting: I ({me}) hold the leader key and run as a replica";
    public static string LeaderRestartCrashed(string me) => $"restarting crashed PostgreSQL as primary: I ({me}) hold the leader key";
    public static string LeaderStartingWait(string me) => $"PostgreSQL is starting; I ({me}) keep the leader key";
    public const string LeaderGiveUpStarts = "releasing the leader key: PostgreSQL failed to start 3 times";
    public static string LeaderUnresponsive(int cycles) => $"PostgreSQL does not answer ({cycles} cycle(s)); keeping the leader key one more cycle";
    public const string LeaderDemoteUnresponsive = "demoting: PostgreSQL does not answer queries, releasing the leader key";
    public static string WalWriteFailed(string error) => $"demoting: PostgreSQL cannot write its WAL ({error}), releasing the leader key";
    public static string WalWriteSlow(int cycles) => $"the WAL write check timed out ({cycles} cycle(s)); keeping the leader key one more cycle";
    public const string WalWriteHung = "demoting: PostgreSQL's WAL writes hang, releasing the leader key";
    public static string StartTimedOut(TimeSpan timeout) =>
        Fmt("demoting: PostgreSQL has not finished starting within primary_start_timeout {0:0.#}s, releasing the leader key", timeout.TotalSeconds);
    public static string ManualFailoverDemote(string candidate) => $"manual failover: demoting myself in favour of '{candidate}'";
    public static string SyncNamesSet(string me, string value) => $"I am ({me}), the leader with the lock; setting synchronous_standby_names to '{value}'";
    public static string SyncKeyAssigned(string me, string standbys) => $"I am ({me}), the leader with the lock; synchronous standbys in the sync key: {standbys}";
    public static string SyncDisabled(string me) => $"I am ({me}), the leader with the lock; synchronous_mode is off: deleting the sync key";
    public static string ManualFailoverImpossible(string candidate) => $"manual failover to '{candidate}' is not possible: clearing the request";

    // Follower
    public static string FollowerNoAction(string me, string leader) => $"no action. I am ({me}), a secondary, and following a leader ({leader})";
    public static string FollowerStartReplica(string leader) => $"starting PostgreSQL as a replica of leader ({leader})";
    public static string FollowerDemote(string leader) => $"demoting: I run as primary but the leader key is held by ({leader})";
    public static string FollowerStopToRewind(string leader) => $"stopping PostgreSQL: my WAL forked from the timeline of leader ({leader}); it must be rewound first";
    public static string FollowerRewind(string leader) => $"running pg_rewind from leader ({leader}): my timeline diverged";
    public static string FollowerReclone(string leader) => $"timelines diverged from leader ({leader}) and use_pg_rewind is off: moving the data directory aside to clone again";
    public static string FollowerRewindDivergedStart(string leader) =>
        $"running pg_rewind from leader ({leader}): PostgreSQL refused to start because its WAL does not fit the leader's timeline";
    public static string FollowerRecloneDivergedStart(string leader) =>
        $"moving the data directory aside to clone again from leader ({leader}): PostgreSQL refused to start because its WAL does not fit the leader's timeline, and use_pg_rewind is off or a rewind did not help";
    public static string FollowerWaitLeaderPromotion(string leader) => $"waiting for leader ({leader}) to finish promotion";
    public static string FollowerStartingWait(string leader) => $"PostgreSQL is starting; following leader ({leader})";
    public static string FollowerUnresponsive(string leader) => $"PostgreSQL does not answer queries; following leader ({leader})";
    public const string SystemIdMismatch = "system ID mismatch: this data directory belongs to another cluster; not starting it (reinitialize this member)";

    // Leader race
    public const string RaceAcquirePromote = "promoted self to leader by acquiring session lock";
    public const string RaceAcquireAsPrimary = "acquired session lock as a leader";
    public static string RaceNotHealthiest(string why) => $"following a different leader because I am not the healthiest node: {why}";
    public const string RaceStartReplica = "starting PostgreSQL as a replica: no leader yet";
    public const string RaceWaitHandover = "waiting: I handed the leader key over for a switchover; the candidate promotes before I start as a replica";
    public static string RaceDemote(string why) => $"demoting: I run as primary without the leader key and {why}";
    public const string RaceWaitStarting = "waiting: PostgreSQL is starting and there is no leader";
    public const string RaceWaitUnresponsive = "waiting: PostgreSQL does not answer queries and there is no leader";

    private static string Fmt(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}

using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>What the local probe found, in the few shapes the rules tell apart. System identifier 7000 unless said.</summary>
public static class Postgres
{
    public const string SystemId = "7000";

    public static LocalPostgres NoData => LocalPostgres.NoData;

    public static LocalPostgres RunningPrimary(long lsn = 100, int timeline = 1) =>
        Instance(PostgresRunState.Running, inRecovery: false, lsn, timeline);

    public static LocalPostgres RunningReplica(long lsn = 100, int timeline = 1) =>
        Instance(PostgresRunState.Running, inRecovery: true, lsn, timeline);

    /// <summary>A running primary with its live synchronous_standby_names and <c>pg_stat_replication</c> rows.</summary>
    public static LocalPostgres SyncPrimary(string names, params ReplicationConnection[] rows) =>
        RunningPrimary() with { SynchronousStandbyNames = names, Replication = rows };

    /// <summary>One streaming <c>pg_stat_replication</c> row of <paramref name="member"/>, flushed to <paramref name="flush"/>.</summary>
    public static ReplicationConnection Streaming(string member, string syncState = "async", long flush = 100) =>
        new(member, "127.0.0.1", "streaming", syncState, syncState == "async" ? 0 : 1, "replicator", flush) { FlushLsn = flush };

    /// <summary>A data directory without a postmaster; <paramref name="inRecovery"/> says whether standby.signal exists.</summary>
    public static LocalPostgres Stopped(bool inRecovery, int timeline = 1, long lsn = 100, string systemId = SystemId) =>
        Instance(PostgresRunState.Stopped, inRecovery, lsn, timeline) with { SystemIdentifier = systemId };

    public static LocalPostgres Starting(bool inRecovery = true) =>
        Instance(PostgresRunState.Starting, inRecovery, lsn: 100, timeline: 1);

    public static LocalPostgres NotResponding(bool inRecovery = false) =>
        Instance(PostgresRunState.NotResponding, inRecovery, lsn: 100, timeline: 1);

    private static LocalPostgres Instance(PostgresRunState state, bool inRecovery, long lsn, int timeline) => new()
    {
        RunState = state,
        InRecovery = inRecovery,
        WalPosition = lsn,
        Timeline = timeline,
        SystemIdentifier = SystemId,
    };
}

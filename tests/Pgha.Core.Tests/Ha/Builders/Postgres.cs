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

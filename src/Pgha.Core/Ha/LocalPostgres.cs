namespace Pgha.Core.Ha;

/// <summary>The local PostgreSQL as the probe saw it this cycle. Pure data, no handles.</summary>
public sealed record LocalPostgres
{
    public static readonly LocalPostgres NoData = new() { RunState = PostgresRunState.NoDataDirectory };
    public static readonly LocalPostgres StoppedInstance = new() { RunState = PostgresRunState.Stopped };

    public required PostgresRunState RunState { get; init; }
    /// <summary>True when running and <c>pg_is_in_recovery()</c>; for a stopped instance, whether standby.signal exists.</summary>
    public bool InRecovery { get; init; }
    /// <summary>Primary: <c>pg_current_wal_lsn()</c>. Replica: max(received, replayed). Stopped: controldata checkpoint.</summary>
    public long WalPosition { get; init; }
    public long? ReceivedLsn { get; init; }
    public long? ReplayedLsn { get; init; }
    public DateTimeOffset? ReplayedTimestamp { get; init; }
    public int Timeline { get; init; }
    public string? SystemIdentifier { get; init; }
    public DateTimeOffset? PostmasterStartTime { get; init; }
    public int ServerVersion { get; init; }
    /// <summary>Host the walreceiver streams from (null when not streaming).</summary>
    public string? UpstreamHost { get; init; }
    /// <summary>True when the walreceiver reports <c>streaming</c>.</summary>
    public bool IsStreaming { get; init; }
    /// <summary>Controldata "Database cluster state" for a stopped instance (e.g. "shut down", "in production").</summary>
    public string? ClusterState { get; init; }
    public bool PendingRestart { get; init; }
    public string? PendingRestartReason { get; init; }
    public IReadOnlyList<ReplicationConnection> Replication { get; init; } = [];
    /// <summary>A running primary's live <c>synchronous_standby_names</c>; null when not read (replica, stopped).</summary>
    public string? SynchronousStandbyNames { get; init; }
    /// <summary>Running server only: whether the server (and on a primary, the agent's fsync) could write in pg_wal.</summary>
    public WalWriteCheck WalWrite { get; init; } = WalWriteCheck.NotChecked;
    /// <summary>What the failed WAL write check reported (PostgreSQL's message), for the log line.</summary>
    public string? WalWriteError { get; init; }

    public bool IsRunning => RunState is PostgresRunState.Running;
    public bool IsRunningPrimary => IsRunning && !InRecovery;
    public bool IsRunningReplica => IsRunning && InRecovery;
}

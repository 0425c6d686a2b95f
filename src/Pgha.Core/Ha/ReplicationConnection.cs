namespace Pgha.Core.Ha;

/// <summary>One row of <c>pg_stat_replication</c> on a primary.</summary>
public sealed record ReplicationConnection(
    string ApplicationName,
    string? ClientAddr,
    string State,
    string SyncState,
    int SyncPriority,
    string UserName,
    long? ReplayLsn)
{
    /// <summary>How far the standby has flushed WAL to disk: what a synchronous commit waits for.</summary>
    public long? FlushLsn { get; init; }
}

namespace Pgha.Core.Ha;

/// <summary>One row of <c>pg_stat_replication</c> on a primary.</summary>
public sealed record ReplicationConnection(
    string ApplicationName,
    string? ClientAddr,
    string State,
    string SyncState,
    int SyncPriority,
    string UserName,
    long? ReplayLsn);

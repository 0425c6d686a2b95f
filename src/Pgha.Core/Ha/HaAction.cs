namespace Pgha.Core.Ha;

/// <summary>
/// What the agent should do, as data. A closed hierarchy of imperatives; the executor is an exhaustive switch.
/// Actions run in order; when a lock action fails, the actions after it are skipped.
/// </summary>
public abstract record HaAction;

/// <summary>Create the leader key with our lease if it is absent (create-if-absent transaction).</summary>
public sealed record AcquireLeaderLock : HaAction;

/// <summary>Keep our lease alive and check the leader key still names us.</summary>
public sealed record RefreshLeaderLock : HaAction;

/// <summary>Delete the leader key if it still names us (compare-and-delete).</summary>
public sealed record ReleaseLeaderLock : HaAction;

/// <summary>Bootstrap race: create <c>initialize=""</c> if absent; the winner runs initdb.</summary>
public sealed record ClaimInitializeKey : HaAction;

/// <summary>Run initdb, start as primary, create roles, run post_bootstrap (long action).</summary>
public sealed record BootstrapCluster : HaAction;

/// <summary>Clone the data directory from <paramref name="Source"/> with pg_basebackup (long action).</summary>
public sealed record CreateReplica(string Source) : HaAction;

/// <summary>Start PostgreSQL; as a replica it follows <paramref name="Leader"/> (none when null).</summary>
public sealed record StartPostgres(StartRole Role, string? Leader) : HaAction;

/// <summary>Promote the local standby (pg_ctl promote, waiting for it to finish).</summary>
public sealed record Promote : HaAction;

/// <summary>
/// Stop acting as primary: stop PostgreSQL in the given mode. A graceful stop for a switchover to a named candidate
/// hands the key over once <paramref name="HandOverTo"/> holds the last WAL, without waiting for the other standbys.
/// </summary>
public sealed record Demote(DemoteMode Mode, string? HandOverTo = null) : HaAction;

/// <summary>Make sure the running replica streams from <paramref name="Leader"/> (primary_conninfo, reload).</summary>
public sealed record FollowLeader(string Leader) : HaAction;

/// <summary>Resynchronise a diverged former primary from <paramref name="Leader"/> with pg_rewind (long action).</summary>
public sealed record Rewind(string Leader) : HaAction;

/// <summary>Move the data directory aside so that the next cycle clones afresh.</summary>
public sealed record RemoveDataDirectory(string Why) : HaAction;

/// <summary>Write <c>initialize=&lt;sysid&gt;</c> and the bootstrap dynamic config after initdb succeeded.</summary>
public sealed record PublishInitialize(string SystemIdentifier) : HaAction;

/// <summary>Release the initialize key after a failed bootstrap so that another node may try.</summary>
public sealed record AbandonInitialize : HaAction;

/// <summary>Clear the failover key (switchover done, impossible or stale).</summary>
public sealed record ClearFailoverKey : HaAction;

/// <summary>
/// Set the primary's <c>synchronous_standby_names</c> to <paramref name="Value"/> (written to postgresql.conf, reloaded);
/// null hands the setting back to the configured parameters (synchronous mode off).
/// </summary>
public sealed record SetSynchronousStandbyNames(string? Value) : HaAction;

/// <summary>
/// Write the <c>sync</c> key: <paramref name="Leader"/> and the comma-joined, sorted standbys (null for none), only if the
/// key is still at <paramref name="ExpectedRevision"/> (null: unconditionally). A lost compare skips the actions after it.
/// </summary>
public sealed record WriteSyncKey(string Leader, string? SyncStandby, long? ExpectedRevision) : HaAction;

/// <summary>Delete the <c>sync</c> key if it is still at <paramref name="ExpectedRevision"/> (synchronous mode turned off).</summary>
public sealed record DeleteSyncKey(long ExpectedRevision) : HaAction;

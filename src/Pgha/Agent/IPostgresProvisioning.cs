namespace Pgha.Agent;

/// <summary>The long operations that create or repair a data directory.</summary>
public interface IPostgresProvisioning
{
    /// <summary>initdb, pg_hba, start as primary, superuser/replication/rewind roles, post_bootstrap. Returns the system identifier.</summary>
    Task<string> BootstrapAsync(CancellationToken ct);

    /// <summary>pg_basebackup from <paramref name="source"/> (checkpoint fast, wal-method stream) into an empty data dir.</summary>
    Task CloneAsync(Upstream source, CancellationToken ct);

    /// <summary>pg_rewind against <paramref name="source"/>; the instance must be stopped.</summary>
    Task RewindAsync(Upstream source, CancellationToken ct);

    /// <summary>Moves the data directory aside (to <c>&lt;data_dir&gt;.failed-&lt;time&gt;</c>).</summary>
    Task RemoveDataDirectoryAsync(CancellationToken ct);
}

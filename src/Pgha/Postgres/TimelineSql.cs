namespace Pgha.Postgres;

/// <summary>SQL that names the timeline a primary writes.</summary>
internal static class TimelineSql
{
    /// <summary>
    /// The timeline of the WAL a primary writes now, from the name of its current WAL file (its first eight hex digits).
    /// The control file's checkpoint timeline lags: after a promotion it names the old timeline until the first
    /// checkpoint. Only for a server out of recovery (pg_current_wal_lsn fails on a standby).
    /// </summary>
    public const string Current = "('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int";
}

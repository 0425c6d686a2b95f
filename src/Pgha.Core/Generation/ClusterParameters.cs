namespace Pgha.Core.Generation;

/// <summary>The PostgreSQL settings written to <c>bootstrap.dcs.postgresql.parameters</c>: the tutorial's, plus scram-sha-256.</summary>
internal static class ClusterParameters
{
    public static IReadOnlyList<(string Name, string Value)> Bootstrap { get; } =
    [
        ("wal_level", "logical"),
        ("hot_standby", "on"),
        ("wal_keep_size", "4096"),
        ("max_wal_senders", "10"),
        ("max_replication_slots", "10"),
        ("wal_log_hints", "on"),
        ("archive_mode", "on"),
        // The tutorial switches to pgbackrest archive-push once the stanza exists; archiving before that would fail.
        ("archive_command", "/bin/true"),
        ("archive_timeout", "600s"),
        ("password_encryption", "scram-sha-256"),
        ("logging_collector", "on"),
        ("log_line_prefix", "%m [%r] [%p]: [%l-1] user=%u,db=%d,host=%h "),
        ("log_filename", "postgresql-%a.log"),
        ("log_lock_waits", "on"),
        ("log_min_duration_statement", "500"),
        ("max_wal_size", "1GB"),
    ];
}

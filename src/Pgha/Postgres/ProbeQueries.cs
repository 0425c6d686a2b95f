using Npgsql;
using Pgha.Core.Ha;
using Pgha.Core.Postgres;

namespace Pgha.Postgres;

/// <summary>The SQL behind <see cref="PostgresProbe"/>: one status row, then pg_stat_replication on a primary.</summary>
internal static class ProbeQueries
{
    // LSNs come back as text and go through Lsn.Parse, so one parser serves SQL, controldata and the DCS.
    private const string Status = $"""
        SELECT pg_is_in_recovery(),
               CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END,
               pg_last_wal_receive_lsn()::text,
               pg_last_wal_replay_lsn()::text,
               pg_last_xact_replay_timestamp(),
               CASE WHEN pg_is_in_recovery() THEN (SELECT timeline_id FROM pg_control_checkpoint())
                    ELSE {TimelineSql.Current} END,
               (SELECT system_identifier::text FROM pg_control_system()),
               pg_postmaster_start_time(),
               current_setting('server_version_num')::int,
               w.status, w.sender_host, w.received_tli,
               (SELECT string_agg(s.name || ': ' || current_setting(s.name) || '->' || coalesce(
                    (SELECT f.setting FROM pg_file_settings f WHERE f.name = s.name ORDER BY f.seqno DESC LIMIT 1), '(default)'), ', ' ORDER BY s.name)
                FROM pg_settings s WHERE s.pending_restart AND s.name NOT LIKE 'recovery\_target%')
        FROM (SELECT 1) AS one
        LEFT JOIN (SELECT status, sender_host, received_tli FROM pg_stat_wal_receiver LIMIT 1) AS w ON true
        """;

    private const string Replication = """
        SELECT application_name, client_addr::text, state, sync_state, sync_priority, coalesce(usename, ''), replay_lsn::text, flush_lsn::text
        FROM pg_stat_replication
        ORDER BY application_name
        """;

    private const string SyncNames = "SELECT current_setting('synchronous_standby_names')";

    public static async Task<LocalPostgres> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // Read before the WAL position: every commit that did not wait for the standbys named here lies below that position.
        string syncNames = await ReadSyncNamesAsync(connection, ct);
        LocalPostgres status = await ReadStatusAsync(connection, ct);
        return status.InRecovery
            ? status
            : status with { Replication = await ReadReplicationAsync(connection, ct), SynchronousStandbyNames = syncNames };
    }

    private static async Task<string> ReadSyncNamesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(SyncNames, connection);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<LocalPostgres> ReadStatusAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Status, connection);
        await using NpgsqlDataReader row = await command.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        bool inRecovery = row.GetBoolean(0);
        long? received = LsnOrNull(row, 2);
        long? replayed = LsnOrNull(row, 3);
        string? receiverStatus = row.IsDBNull(9) ? null : row.GetString(9);
        int timeline = row.GetInt32(5);
        string? pendingRestart = row.IsDBNull(12) ? null : row.GetString(12);
        return new LocalPostgres
        {
            RunState = PostgresRunState.Running,
            InRecovery = inRecovery,
            WalPosition = inRecovery ? Math.Max(received ?? 0, replayed ?? 0) : LsnOrNull(row, 1) ?? 0,
            ReceivedLsn = received,
            ReplayedLsn = replayed,
            ReplayedTimestamp = row.IsDBNull(4) ? null : row.GetFieldValue<DateTimeOffset>(4),
            // A primary's timeline is the one it writes, from its WAL file name: its checkpoint keeps the old one until the
            // end-of-recovery checkpoint after a promotion. A replica's checkpoint lags until its next restartpoint; a
            // streaming walreceiver's received timeline is the one it replays next, otherwise PostgresProbe asks the server.
            Timeline = receiverStatus == "streaming" && !row.IsDBNull(11) && row.GetInt32(11) > 0 ? row.GetInt32(11) : timeline,
            SystemIdentifier = row.GetString(6),
            PostmasterStartTime = row.GetFieldValue<DateTimeOffset>(7),
            ServerVersion = row.GetInt32(8),
            UpstreamHost = row.IsDBNull(10) ? null : row.GetString(10),
            IsStreaming = receiverStatus == "streaming",
            PendingRestart = pendingRestart is not null,
            PendingRestartReason = pendingRestart,
        };
    }

    private static async Task<IReadOnlyList<ReplicationConnection>> ReadReplicationAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Replication, connection);
        await using NpgsqlDataReader row = await command.ExecuteReaderAsync(ct);
        var connections = new List<ReplicationConnection>();
        while (await row.ReadAsync(ct))
        {
            connections.Add(new ReplicationConnection(
                ApplicationName: row.GetString(0),
                ClientAddr: row.IsDBNull(1) ? null : row.GetString(1),
                State: row.IsDBNull(2) ? "" : row.GetString(2),
                SyncState: row.IsDBNull(3) ? "" : row.GetString(3),
                SyncPriority: row.IsDBNull(4) ? 0 : row.GetInt32(4),
                UserName: row.GetString(5),
                ReplayLsn: LsnOrNull(row, 6))
            {
                FlushLsn = LsnOrNull(row, 7),
            });
        }
        return connections;
    }

    private static long? LsnOrNull(NpgsqlDataReader row, int column) => row.IsDBNull(column) ? null : Lsn.Parse(row.GetString(column));
}

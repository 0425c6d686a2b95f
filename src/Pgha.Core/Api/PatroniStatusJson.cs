using System.Buffers;
using System.Text;
using System.Text.Json;
using Pgha.Core.Ha;

namespace Pgha.Core.Api;

/// <summary>The body of <c>GET /patroni</c> and of every health check GET, with Patroni 3.0.2's field names.</summary>
public static class PatroniStatusJson
{
    /// <summary>
    /// pgha's one field beyond Patroni's: present while the server cannot write in pg_wal, with PostgreSQL's message.
    /// Peers read it in a leader race (such a member cannot lead), and it tells an operator why this member stands aside.
    /// </summary>
    public const string WalWriteErrorField = "wal_write_error";

    public static string Build(AgentSnapshot s, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            Write(writer, s, now);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The body served before the agent finished its first cycle.</summary>
    public static void WriteStarting(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("state", "starting");
        w.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter w, AgentSnapshot s, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteString("state", s.ReportedState());
        // Patroni reports only state and role when it cannot query PostgreSQL.
        if (s.Postgres.IsRunning)
        {
            WritePostgres(w, s, now);
        }
        else
        {
            w.WriteString("role", s.ReportedRole());
        }
        WriteCommon(w, s, now);
        w.WriteEndObject();
    }

    private static void WritePostgres(Utf8JsonWriter w, AgentSnapshot s, DateTimeOffset now)
    {
        LocalPostgres pg = s.Postgres;
        if (pg.PostmasterStartTime is { } started)
        {
            w.WriteString("postmaster_start_time", PatroniTime.ToPythonString(started));
        }
        w.WriteString("role", s.ReportedRole());
        w.WriteNumber("server_version", pg.ServerVersion);
        w.WriteStartObject("xlog");
        if (pg.InRecovery)
        {
            w.WriteNumber("received_location", pg.ReceivedLsn ?? pg.ReplayedLsn ?? 0);
            w.WriteNumber("replayed_location", pg.ReplayedLsn ?? 0);
            WriteTimeOrNull(w, "replayed_timestamp", pg.ReplayedTimestamp);
            // The probe does not report pg_is_wal_replay_paused(); replay is never paused by pgha.
            w.WriteBoolean("paused", false);
        }
        else
        {
            w.WriteNumber("location", pg.WalPosition);
        }
        w.WriteEndObject();
        if (s.IsSyncStandbyAt(now))
        {
            w.WriteBoolean("sync_standby", true);
        }
        w.WriteNumber("timeline", pg.Timeline);
        if (s.ReplicationState is { } replication)
        {
            w.WriteString("replication_state", replication);
        }
        if (pg.WalWrite == WalWriteCheck.Failed)
        {
            w.WriteString(WalWriteErrorField, pg.WalWriteError ?? "no detail");
        }
        if (!pg.InRecovery && pg.Replication.Count > 0)
        {
            WriteReplication(w, pg.Replication);
        }
    }

    private static void WriteReplication(Utf8JsonWriter w, IReadOnlyList<ReplicationConnection> rows)
    {
        w.WriteStartArray("replication");
        foreach (ReplicationConnection row in rows)
        {
            w.WriteStartObject();
            w.WriteString("usename", row.UserName);
            w.WriteString("application_name", row.ApplicationName);
            w.WriteString("client_addr", row.ClientAddr);
            w.WriteString("state", row.State);
            w.WriteString("sync_state", row.SyncState);
            w.WriteNumber("sync_priority", row.SyncPriority);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteCommon(Utf8JsonWriter w, AgentSnapshot s, DateTimeOffset now)
    {
        if (s.IsClusterUnlockedAt(now))
        {
            w.WriteBoolean("cluster_unlocked", true);
        }
        w.WriteNumber("dcs_last_seen", s.DcsLastSeen?.ToUnixTimeSeconds() ?? 0);
        if (!TagFilter.IsEmpty(s.Tags))
        {
            w.WritePropertyName("tags");
            TagsJson.Write(w, s.Tags);
        }
        if (!string.IsNullOrEmpty(s.Postgres.SystemIdentifier))
        {
            w.WriteString("database_system_identifier", s.Postgres.SystemIdentifier);
        }
        if (s.Postgres.PendingRestart)
        {
            w.WriteBoolean("pending_restart", true);
        }
        if (s.Paused)
        {
            w.WriteBoolean("pause", true);
        }
        w.WriteStartObject("patroni");
        w.WriteString("version", s.PatroniVersion);
        w.WriteString("scope", s.Scope);
        w.WriteString("name", s.Name);
        w.WriteEndObject();
    }

    private static void WriteTimeOrNull(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            w.WriteString(name, PatroniTime.ToPythonString(t));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

using System.Globalization;
using System.Text;
using Pgha.Core.Ha;

namespace Pgha.Core.Api;

/// <summary><c>GET /metrics</c>: Prometheus text with Patroni 3.0.2's metric names, help texts and <c>scope</c> label.</summary>
public static class MetricsText
{
    public static string Build(AgentSnapshot s, DateTimeOffset now)
    {
        var text = new StringBuilder(4096);
        string scope = $"{{scope=\"{Escape(s.Scope)}\"}}";
        AddRoleMetrics(text, s, now, scope);
        AddReplayMetrics(text, s, scope);
        AddClusterMetrics(text, s, now, scope);
        return text.ToString();
    }

    private static void AddRoleMetrics(StringBuilder text, AgentSnapshot s, DateTimeOffset now, string scope)
    {
        LocalPostgres pg = s.Postgres;
        bool running = pg.IsRunning;
        string role = s.ReportedRole();
        Add(text, "patroni_version", "gauge", "Patroni semver without periods.", scope, PaddedVersion(s.PatroniVersion));
        Add(text, "patroni_postgres_running", "gauge", "Value is 1 if Postgres is running, 0 otherwise.", scope,
            Flag(SnapshotFacts.IsRunningState(s.ReportedState())));
        Add(text, "patroni_postmaster_start_time", "gauge", "Epoch seconds since Postgres started.", scope,
            Seconds(running ? pg.PostmasterStartTime : null));
        Add(text, "patroni_master", "gauge", "Value is 1 if this node is the leader, 0 otherwise.", scope,
            Flag(role == SnapshotFacts.Master));
        Add(text, "patroni_primary", "gauge", "Value is 1 if this node is the leader, 0 otherwise.", scope,
            Flag(role == SnapshotFacts.Master));
        Add(text, "patroni_xlog_location", "counter",
            "Current location of the Postgres transaction log, 0 if this node is not the leader.", scope,
            Number(running && !pg.InRecovery ? pg.WalPosition : 0));
        Add(text, "patroni_standby_leader", "gauge", "Value is 1 if this node is the standby_leader, 0 otherwise.",
            scope, Flag(role == SnapshotFacts.StandbyLeader));
        Add(text, "patroni_replica", "gauge", "Value is 1 if this node is a replica, 0 otherwise.", scope,
            Flag(role == SnapshotFacts.Replica));
        Add(text, "patroni_sync_standby", "gauge", "Value is 1 if this node is a sync standby replica, 0 otherwise.",
            scope, Flag(running && s.IsSyncStandbyAt(now)));
    }

    private static void AddReplayMetrics(StringBuilder text, AgentSnapshot s, string scope)
    {
        LocalPostgres pg = s.Postgres;
        bool replica = pg.IsRunningReplica;
        Add(text, "patroni_xlog_received_location", "counter",
            "Current location of the received Postgres transaction log, 0 if this node is not a replica.", scope,
            Number(replica ? pg.ReceivedLsn ?? pg.ReplayedLsn ?? 0 : 0));
        Add(text, "patroni_xlog_replayed_location", "counter",
            "Current location of the replayed Postgres transaction log, 0 if this node is not a replica.", scope,
            Number(replica ? pg.ReplayedLsn ?? 0 : 0));
        Add(text, "patroni_xlog_replayed_timestamp", "gauge",
            "Current timestamp of the replayed Postgres transaction log, 0 if null.", scope,
            Seconds(replica ? pg.ReplayedTimestamp : null));
        Add(text, "patroni_xlog_paused", "gauge", "Value is 1 if the Postgres xlog is paused, 0 otherwise.", scope, "0");
    }

    private static void AddClusterMetrics(StringBuilder text, AgentSnapshot s, DateTimeOffset now, string scope)
    {
        LocalPostgres pg = s.Postgres;
        bool running = pg.IsRunning;
        // Patroni 3.0.2 puts a space between this name and its labels; scrapers of that version expect it.
        Add(text, "patroni_postgres_server_version", "gauge", "Version of Postgres (if running), 0 otherwise.",
            " " + scope, Number(running ? pg.ServerVersion : 0));
        Add(text, "patroni_cluster_unlocked", "gauge", "Value is 1 if the cluster is unlocked, 0 if locked.", scope,
            Flag(s.IsClusterUnlockedAt(now)));
        Add(text, "patroni_failsafe_mode_is_active", "gauge", "Value is 1 if the cluster is unlocked, 0 if locked.",
            scope, "0");
        Add(text, "patroni_postgres_timeline", "counter", "Postgres timeline of this node (if running), 0 otherwise.",
            scope, Number(running ? pg.Timeline : 0));
        Add(text, "patroni_dcs_last_seen", "gauge",
            "Epoch timestamp when DCS was last contacted successfully by Patroni.", scope,
            Number(s.DcsLastSeen?.ToUnixTimeSeconds() ?? 0));
        Add(text, "patroni_pending_restart", "gauge", "Value is 1 if the node needs a restart, 0 otherwise.", scope,
            Flag(pg.PendingRestart));
        Add(text, "patroni_is_paused", "gauge", "Value is 1 if auto failover is disabled, 0 otherwise.", scope,
            Flag(s.Paused));
    }

    /// <summary><c>3.0.2</c> becomes <c>030002</c>: each part padded to two digits.</summary>
    public static string PaddedVersion(string version)
    {
        var padded = new StringBuilder(8);
        foreach (string part in version.Split('.'))
        {
            padded.Append(part.PadLeft(2, '0'));
        }
        return padded.ToString();
    }

    private static void Add(StringBuilder text, string name, string type, string help, string labels, string value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        text.Append(name).Append(labels).Append(' ').Append(value).Append('\n');
    }

    private static string Flag(bool value) => value ? "1" : "0";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(DateTimeOffset? time) =>
        time is { } t ? PatroniTime.ToEpochSeconds(t) : "0";

    private static string Escape(string label) =>
        label.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}

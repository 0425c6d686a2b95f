using System.Buffers;
using System.Text;
using System.Text.Json;
using Pgha.Core.Cluster;

namespace Pgha.Core.Api;

/// <summary>The body of <c>GET /cluster</c>: every member with its cluster role and lag, sorted by name.</summary>
public static class ClusterJson
{
    public static string Build(ClusterView cluster)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            Write(writer, cluster);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter w, ClusterView cluster)
    {
        DynamicConfigFlags config = DynamicConfigFlags.Parse(cluster.ConfigJson);
        w.WriteStartObject();
        w.WriteStartArray("members");
        foreach (Member member in cluster.Members.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            WriteMember(w, cluster, member, config);
        }
        w.WriteEndArray();
        if (config.Paused)
        {
            w.WriteBoolean("pause", true);
        }
        if (cluster.Failover is { ScheduledAt: { } at } failover)
        {
            w.WriteStartObject("scheduled_switchover");
            w.WriteString("at", PatroniTime.ToIso(at));
            WriteIfPresent(w, "from", failover.Leader);
            WriteIfPresent(w, "to", failover.Candidate);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>Wire format: never rename. The role strings of <c>/cluster</c> and patronictl.</summary>
    public static string RoleOf(ClusterView cluster, Member member, bool standbyCluster)
    {
        if (cluster.IsLeader(member.Name))
        {
            return standbyCluster || member.Role == MemberRole.StandbyLeader ? "standby_leader" : "leader";
        }
        return cluster.Sync is { } sync && sync.SyncStandbys.Contains(member.Name) ? "sync_standby" : "replica";
    }

    private static void WriteMember(Utf8JsonWriter w, ClusterView cluster, Member member, DynamicConfigFlags config)
    {
        w.WriteStartObject();
        w.WriteString("name", member.Name);
        w.WriteString("role", RoleOf(cluster, member, config.StandbyCluster));
        w.WriteString("state", member.ShownState(cluster.IsLeader(member.Name)));
        WriteIfPresent(w, "api_url", member.ApiUrl);
        (string host, int port) = member.PostgresEndpoint;
        if (host.Length > 0)
        {
            w.WriteString("host", host);
            w.WriteNumber("port", port);
        }
        if (member.Timeline is { } timeline)
        {
            w.WriteNumber("timeline", timeline);
        }
        if (member.PendingRestart)
        {
            w.WriteBoolean("pending_restart", true);
        }
        if (!TagFilter.IsEmpty(member.Tags))
        {
            w.WritePropertyName("tags");
            TagsJson.Write(w, member.Tags);
        }
        if (!cluster.IsLeader(member.Name))
        {
            WriteLag(w, cluster.LastLsn, member.XlogLocation);
        }
        w.WriteEndObject();
    }

    /// <summary>Bytes behind the leader's published LSN, never negative; <c>"unknown"</c> without a position.</summary>
    private static void WriteLag(Utf8JsonWriter w, long leaderLsn, long? memberLsn)
    {
        if (memberLsn is { } lsn)
        {
            w.WriteNumber("lag", Math.Max(0, leaderLsn - lsn));
        }
        else
        {
            w.WriteString("lag", "unknown");
        }
    }

    private static void WriteIfPresent(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }
}

using System.Globalization;
using Pgha.Core.Cluster;

namespace Pgha.Core.Ctl;

/// <summary>
/// The rows of patronictl's <c>list</c>/<c>topology</c>: Member, Host, Role, State, TL, Receive LSN, Lag, Replay LSN,
/// Lag, then Pending restart (with its reason), Scheduled restart and Tags when any member needs them or with -e.
/// </summary>
public sealed record ClusterListing(IReadOnlyList<string> Headers, IReadOnlyList<string> Keys, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    private static readonly string[] s_base = ["Member", "Host", "Role", "State", "TL", "Receive LSN", "Lag", "Replay LSN", "Lag"];
    private static readonly string[] s_baseKeys = ["Member", "Host", "Role", "State", "TL", "Receive LSN", "Receive Lag", "Replay LSN", "Replay Lag"];

    /// <summary>TL, LSNs and lags are right-aligned, as in patronictl.</summary>
    public static readonly ISet<int> RightAligned = new HashSet<int> { 4, 5, 6, 7, 8 };

    public static ClusterListing Build(ClusterView cluster, ListOptions options)
    {
        IReadOnlyList<(Member Member, int Depth)> ordered = options.Topology ? TopologyOrder(cluster) : cluster.Members.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => (m, 0)).ToList();
        bool showPorts = cluster.Members.Any(m => m.PostgresEndpoint.Port is not (5432 or 0)) || cluster.Members.GroupBy(m => m.PostgresEndpoint.Host).Any(g => g.Count() > 1);
        bool pending = options.Extended || cluster.Members.Any(m => m.PendingRestart);
        bool tags = options.Extended || cluster.Members.Any(m => TagsText(m.Tags).Length > 0);
        var headers = new List<string>(s_base);
        var keys = new List<string>(s_baseKeys);
        if (pending)
        {
            headers.AddRange(["Pending restart", "Pending restart reason"]);
            keys.AddRange(["Pending restart", "Pending restart reason"]);
        }
        if (tags)
        {
            headers.Add("Tags");
            keys.Add("Tags");
        }
        var rows = ordered.Select(o =>
        {
            List<string> row = Cells(cluster, o.Member, o.Depth, showPorts);
            if (pending)
            {
                row.AddRange([o.Member.PendingRestart ? "*" : "", o.Member.PendingRestart ? o.Member.PendingRestartReason ?? "" : ""]);
            }
            if (tags)
            {
                row.Add(TagsText(o.Member.Tags));
            }
            return (IReadOnlyList<string>)row;
        }).ToList();
        return new ClusterListing(headers, keys, rows);
    }

    private static List<string> Cells(ClusterView cluster, Member m, int depth, bool showPorts)
    {
        bool leader = cluster.IsLeader(m.Name);
        string name = depth == 0 ? m.Name : new string(' ', (depth - 1) * 2) + "+ " + m.Name;
        (string host, int port) = m.PostgresEndpoint;
        string where = showPorts ? $"{host}:{port}" : host;
        string tl = m.Timeline?.ToString(CultureInfo.InvariantCulture) ?? "";
        if (leader || m.XlogLocation is not long position)
        {
            string lag = leader ? "" : "unknown";
            return [name, where, RoleText(cluster, m), m.ShownState(leader), tl, "", lag, "", lag];
        }
        string lsn = ClusterTable.FormatLsn(position);
        string mb = cluster.LastLsn > 0 ? Math.Max(0, (cluster.LastLsn - position) / 1_048_576).ToString(CultureInfo.InvariantCulture) : "0";
        return [name, where, RoleText(cluster, m), m.ShownState(leader), tl, lsn, mb, lsn, mb];
    }

    private static string RoleText(ClusterView cluster, Member m)
    {
        if (cluster.IsLeader(m.Name))
        {
            return m.Role == MemberRole.StandbyLeader ? "Standby Leader" : "Leader";
        }
        if (cluster.Sync?.SyncStandbys.Contains(m.Name) == true)
        {
            return "Sync Standby";
        }
        return m.Role == MemberRole.Uninitialized ? "Uninitialized" : "Replica";
    }

    private static string TagsText(MemberTags tags)
    {
        var parts = new List<string>();
        if (tags.NoFailover) { parts.Add("nofailover: true"); }
        if (tags.NoLoadBalance) { parts.Add("noloadbalance: true"); }
        if (tags.CloneFrom) { parts.Add("clonefrom: true"); }
        if (tags.NoSync) { parts.Add("nosync: true"); }
        if (tags.ReplicateFrom is { } from) { parts.Add($"replicatefrom: {from}"); }
        parts.AddRange(tags.Custom.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}: {t.Value}"));
        return string.Join(", ", parts);
    }

    /// <summary>Leader first, then each member under the member it replicates from (replicatefrom, else the leader).</summary>
    private static List<(Member, int)> TopologyOrder(ClusterView cluster)
    {
        var result = new List<(Member, int)>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        string? root = cluster.LeaderMember?.Name;
        void Place(Member m, int depth)
        {
            if (!placed.Add(m.Name))
            {
                return;
            }
            result.Add((m, depth));
            foreach (Member child in cluster.Members.Where(c => Upstream(cluster, c) == m.Name).OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                Place(child, depth + 1);
            }
        }
        if (cluster.LeaderMember is { } leader)
        {
            Place(leader, 0);
        }
        foreach (Member m in cluster.Members.OrderBy(c => c.Name, StringComparer.Ordinal).Where(m => m.Name != root))
        {
            Place(m, root is null ? 0 : 1);
        }
        return result;
    }

    private static string? Upstream(ClusterView cluster, Member m) =>
        cluster.IsLeader(m.Name) ? null : m.Tags.ReplicateFrom is { } from && cluster.FindMember(from) is not null ? from : cluster.Leader?.Name;
}

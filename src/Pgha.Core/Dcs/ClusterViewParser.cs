using Pgha.Core.Cluster;

namespace Pgha.Core.Dcs;

/// <summary>Builds a <see cref="ClusterView"/> from one prefix read of <c>/&lt;namespace&gt;/&lt;scope&gt;/</c>.</summary>
public static class ClusterViewParser
{
    /// <summary>Never throws: unreadable values are treated as absent or as defaults, as Patroni does.</summary>
    public static ClusterView Parse(string prefix, IEnumerable<DcsKeyValue> kvs, long revision)
    {
        var nodes = new Dictionary<string, DcsKeyValue>(StringComparer.Ordinal);
        foreach (DcsKeyValue kv in kvs)
        {
            if (kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                nodes[kv.Key[prefix.Length..]] = kv;
            }
        }
        var members = new List<Member>();
        foreach ((string key, DcsKeyValue kv) in nodes.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            if (DcsKeys.MemberName(key) is string name)
            {
                members.Add(MemberJson.Parse(name, kv.Value));
            }
        }
        DcsKeyValue? config = nodes.GetValueOrDefault(DcsKeys.Config);
        DcsKeyValue? leader = nodes.GetValueOrDefault(DcsKeys.Leader);
        DcsKeyValue? sync = nodes.GetValueOrDefault(DcsKeys.Sync);
        return new ClusterView
        {
            Initialize = nodes.GetValueOrDefault(DcsKeys.Initialize)?.Value,
            ConfigJson = config?.Value,
            ConfigModRevision = config?.ModRevision ?? 0,
            Leader = leader is null ? null : new LeaderKey(leader.Value, leader.ModRevision, leader.Lease),
            Members = members,
            Failover = FailoverJson.Parse(nodes.GetValueOrDefault(DcsKeys.Failover)?.Value),
            Sync = sync is null ? null : SyncJson.Parse(sync.Value, sync.ModRevision),
            History = HistoryJson.Parse(nodes.GetValueOrDefault(DcsKeys.History)?.Value),
            Failsafe = FailsafeJson.Parse(nodes.GetValueOrDefault(DcsKeys.Failsafe)?.Value),
            LastLsn = LastLsn(nodes),
            Revision = revision,
        };
    }

    /// <summary><c>status.optime</c>; the legacy <c>optime/leader</c> key is read only when <c>status</c> is absent.</summary>
    private static long LastLsn(Dictionary<string, DcsKeyValue> nodes)
    {
        if (nodes.TryGetValue(DcsKeys.Status, out DcsKeyValue? status))
        {
            return StatusJson.ParseOptime(status.Value);
        }
        return nodes.TryGetValue(DcsKeys.LegacyLeaderOptime, out DcsKeyValue? legacy) && long.TryParse(legacy.Value, out long lsn) ? lsn : 0;
    }
}

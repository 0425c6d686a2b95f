using Pgha.Core.Cluster;
using Pgha.Core.Dcs;

namespace Pgha.Core.Ha;

/// <summary>
/// The leader keeps <c>failsafe</c> = every member with an api_url, itself included, so that without etcd it knows
/// whom to ask. Written only when the content changed; deleted when failsafe_mode is off (Patroni 3.0.2).
/// </summary>
public static class FailsafeKeyPlan
{
    /// <summary>What to write after this cycle; null to leave the key as it is.</summary>
    public static FailsafeKeyChange? Plan(ClusterView cluster, HaSettings settings, AgentMemory next, bool runningPrimary)
    {
        if (!cluster.IsReachable || !next.HoldsLeaderKey || !cluster.IsLeader(settings.Name))
        {
            return null;
        }
        if (!settings.FailsafeMode)
        {
            return cluster.Failsafe is null ? null : new FailsafeKeyChange(null);
        }
        var desired = cluster.Members.Where(m => m.ApiUrl.Length > 0).ToDictionary(m => m.Name, m => m.ApiUrl, StringComparer.Ordinal);
        if (!runningPrimary || !desired.ContainsKey(settings.Name))
        {
            // Not a primary yet, or our own member key is not published yet: a list without us would be wrong.
            return null;
        }
        bool same = cluster.Failsafe is { } current && current.Count == desired.Count
            && desired.All(d => current.TryGetValue(d.Key, out string? url) && url == d.Value);
        return same ? null : new FailsafeKeyChange(FailsafeJson.Serialize(desired));
    }
}

using System.Globalization;
using Pgha.Core.Cluster;
using Pgha.Core.Config;

namespace Pgha.Core.Ctl;

/// <summary>
/// The pre-checks of a switchover or failover against one cluster snapshot, before the failover key is written:
/// the leader must match, the candidate must exist and be healthy (running replica, not nofailover, within
/// maximum_lag_on_failover). Null when the request may go ahead.
/// </summary>
public static class SwitchoverCheck
{
    public static Refusal? Check(ClusterView cluster, SwitchoverRequest request)
    {
        DynamicConfig config = Config(cluster);
        string action = request.Action;
        if (request.IsFailover && string.IsNullOrEmpty(request.Candidate))
        {
            return new Refusal(400, "Failover could be performed only to a specific candidate", "failover needs --candidate: name the member to promote");
        }
        if (!request.IsFailover && string.IsNullOrEmpty(request.Leader))
        {
            return new Refusal(400, "Switchover could be performed only from a specific leader", "switchover needs --leader: name the current leader");
        }
        if (config.Pause && string.IsNullOrEmpty(request.Candidate))
        {
            return new Refusal(400, $"{Title(action)} is possible only to a specific candidate in a paused state", "the cluster is paused: name a --candidate");
        }
        if (!string.IsNullOrEmpty(request.Leader) && cluster.Leader?.Name != request.Leader)
        {
            return new Refusal(412, "leader name does not match",
                $"leader {request.Leader}: the current leader is {cluster.Leader?.Name ?? "nobody"}; pass --leader {cluster.Leader?.Name}");
        }
        if (string.IsNullOrEmpty(request.Candidate))
        {
            return AnyCandidate(cluster, config, action);
        }
        return NamedCandidate(cluster, config, request);
    }

    /// <summary>Why <paramref name="m"/> cannot take over, or null when it can.</summary>
    public static string? Unfit(ClusterView cluster, DynamicConfig config, Member m)
    {
        if (m.Tags.NoFailover)
        {
            return "it is tagged nofailover";
        }
        if (m.Role is not MemberRole.Replica || m.State is not ("running" or "streaming"))
        {
            return $"it is not a healthy replica (role {MemberRoleWire.ToWire(m.Role)}, state {m.State})";
        }
        if (m.XlogLocation is not long position)
        {
            return "it reports no WAL position";
        }
        long lag = cluster.LastLsn - position;
        if (cluster.LastLsn > 0 && lag > config.MaximumLagOnFailover)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it lags {lag} bytes behind the leader, more than maximum_lag_on_failover {config.MaximumLagOnFailover}");
        }
        return null;
    }

    public static DynamicConfig Config(ClusterView cluster)
    {
        try
        {
            return string.IsNullOrEmpty(cluster.ConfigJson) ? new DynamicConfig() : DynamicConfigJson.Parse(cluster.ConfigJson);
        }
        catch (FormatException)
        {
            return new DynamicConfig();
        }
    }

    private static Refusal? AnyCandidate(ClusterView cluster, DynamicConfig config, string action)
    {
        var others = cluster.Members.Where(m => !cluster.IsLeader(m.Name)).ToList();
        if (others.Count == 0)
        {
            return new Refusal(412, $"{action} is not possible: cluster does not have members except leader", "the cluster has no member other than the leader");
        }
        if (others.All(m => Unfit(cluster, config, m) is not null))
        {
            string why = string.Join("; ", others.Select(m => $"{m.Name}: {Unfit(cluster, config, m)}"));
            return new Refusal(412, $"{action} is not possible: no good candidates have been found", $"no member can take over ({why})");
        }
        return null;
    }

    private static Refusal? NamedCandidate(ClusterView cluster, DynamicConfig config, SwitchoverRequest request)
    {
        string candidate = request.Candidate!;
        if (cluster.IsLeader(candidate))
        {
            return new Refusal(412, "candidate name does not match", $"candidate {candidate}: it is already the leader; name a replica");
        }
        if (config.SynchronousMode && cluster.Sync is { } sync && !sync.SyncStandbys.Contains(candidate))
        {
            return new Refusal(412, "candidate name does not match with sync_standby", $"candidate {candidate}: synchronous_mode is on and it is not a sync standby");
        }
        if (cluster.FindMember(candidate) is not { } member)
        {
            string names = string.Join(", ", cluster.Members.Select(m => m.Name).Order(StringComparer.Ordinal));
            return new Refusal(412, "candidate does not exists", $"candidate {candidate}: no such member; members are {names}");
        }
        if (Unfit(cluster, config, member) is { } why)
        {
            return new Refusal(412, $"{request.Action} is not possible: no good candidates have been found", $"candidate {candidate}: refused because {why}");
        }
        return null;
    }

    private static string Title(string action) => char.ToUpperInvariant(action[0]) + action[1..];
}

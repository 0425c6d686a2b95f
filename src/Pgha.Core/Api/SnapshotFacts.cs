using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Api;

/// <summary>What the REST API derives from a snapshot, named as Patroni's handler names it.</summary>
internal static class SnapshotFacts
{
    // Wire format: never rename. Role strings of Patroni 3.0.2's REST API.
    public const string Master = "master";
    public const string Replica = "replica";
    public const string StandbyLeader = "standby_leader";

    /// <summary>The <c>role</c> of <c>/patroni</c>: taken from PostgreSQL itself when it answers, else the published role.</summary>
    public static string ReportedRole(this AgentSnapshot s)
    {
        if (!s.Postgres.IsRunning)
        {
            return s.Role.ToWire();
        }
        if (!s.Postgres.InRecovery)
        {
            return Master;
        }
        return s.Role == MemberRole.StandbyLeader ? StandbyLeader : Replica;
    }

    /// <summary>The <c>state</c> of <c>/patroni</c>: Patroni says <c>unknown</c> when a running PostgreSQL fails its query.</summary>
    public static string ReportedState(this AgentSnapshot s) =>
        s.State == "running" && s.Postgres.RunState == PostgresRunState.NotResponding ? "unknown" : s.State;

    /// <summary>Running as Patroni 3.0.2 says it; 3.0.4+ replicas say <c>streaming</c> instead.</summary>
    public static bool IsRunningState(string state) => state is "running" or "streaming";

    /// <summary>Patroni forgets its DCS view ttl after the last successful read; we do the same.</summary>
    public static bool HasDcsViewAt(this AgentSnapshot s, DateTimeOffset now) =>
        s.Cluster.IsReachable && now - (s.DcsLastSeen ?? s.TakenAt) < s.Ttl;

    /// <summary>Our role in a standby cluster's leader is <c>standby_leader</c>; nothing else marks a standby cluster.</summary>
    public static bool IsStandbyCluster(this AgentSnapshot s) => s.Role == MemberRole.StandbyLeader;

    public static bool IsSyncStandbyAt(this AgentSnapshot s, DateTimeOffset now) =>
        s.ReportedRole() == Replica
        && s.HasDcsViewAt(now)
        && s.Cluster.Sync is { } sync
        && sync.SyncStandbys.Contains(s.Name);

    public static bool IsClusterUnlockedAt(this AgentSnapshot s, DateTimeOffset now) =>
        !s.HasDcsViewAt(now) || s.Cluster.Leader is null;

    /// <summary>Lagging when the leader's published LSN is more than <paramref name="maxLagBytes"/> past our replay.</summary>
    public static bool IsLagging(this AgentSnapshot s, long? maxLagBytes)
    {
        long leaderLsn = s.Cluster.LastLsn;
        if (maxLagBytes is not { } limit || leaderLsn <= 0)
        {
            return false;
        }
        long replayed = s.Postgres.ReplayedLsn ?? 0;
        return leaderLsn - replayed > limit;
    }
}

namespace Pgha.Core.Api;

/// <summary>Which leader-type checks pass for a snapshot (Patroni's leader, primary and standby-leader codes).</summary>
internal readonly record struct Leadership(bool Leader, bool Primary, bool StandbyLeader, bool BlocksReplica)
{
    private static readonly Leadership None = new(false, false, false, false);

    public static Leadership Of(AgentSnapshot s, DateTimeOffset now)
    {
        string role = s.ReportedRole();
        // Paused without a DCS view: PostgreSQL's own role decides, so checks keep passing while etcd is down.
        if (s.Paused && !s.HasDcsViewAt(now))
        {
            bool primary = role == SnapshotFacts.Master;
            bool standbyLeader = role == SnapshotFacts.StandbyLeader;
            return new(primary || standbyLeader, primary, standbyLeader, false);
        }
        if (!s.IsLeaderAt(now))
        {
            return None;
        }
        if (s.IsStandbyCluster())
        {
            // A standby cluster's leader is no primary, and must not be used as a replica either.
            return new(true, false, role is SnapshotFacts.Replica or SnapshotFacts.StandbyLeader, true);
        }
        return new(true, true, false, false);
    }
}

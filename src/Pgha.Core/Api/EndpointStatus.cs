namespace Pgha.Core.Api;

/// <summary>
/// The HTTP status of every Patroni health check, as pure functions of the snapshot, the time and the query.
/// </summary>
/// <remarks>
/// Patroni routes <c>/liveness</c> and <c>/readiness</c> by their first path segment and every other path by
/// substring (<c>/replica?lag=1MB</c>, but also <c>/foo-replica</c>); <see cref="ForPath"/> mirrors both.
/// </remarks>
public static class EndpointStatus
{
    public const int Ok = 200;
    public const int Unavailable = 503;

    public static int ForPath(string path, AgentSnapshot? s, DateTimeOffset now, HealthQuery query)
    {
        if (s is null)
        {
            return Unavailable;
        }
        if (path.Length <= 1)
        {
            return ForPrimary(s, now);
        }
        if (IsFirstSegment(path, "liveness"))
        {
            return ForLiveness(s, now);
        }
        if (IsFirstSegment(path, "readiness"))
        {
            return ForReadiness(s, now);
        }
        return ForHealthPath(path, s, now, query);
    }

    private static int ForHealthPath(string path, AgentSnapshot s, DateTimeOffset now, HealthQuery query)
    {
        if (path.Contains("standby_leader", StringComparison.Ordinal) || path.Contains("standby-leader", StringComparison.Ordinal))
        {
            return ForStandbyLeader(s, now);
        }
        if (path.Contains("leader", StringComparison.Ordinal))
        {
            return ForLeader(s, now);
        }
        if (path.Contains("master", StringComparison.Ordinal) || path.Contains("primary", StringComparison.Ordinal)
            || path.Contains("read-write", StringComparison.Ordinal))
        {
            return ForPrimary(s, now);
        }
        if (path.Contains("replica", StringComparison.Ordinal))
        {
            return ForReplica(s, now, query);
        }
        if (path.Contains("read-only", StringComparison.Ordinal) && !path.Contains("sync", StringComparison.Ordinal))
        {
            return ForReadOnly(s, now, query);
        }
        if (path.Contains("health", StringComparison.Ordinal))
        {
            return ForHealth(s, query);
        }
        return path switch
        {
            "/sync" or "/synchronous" => ForSync(s, now, query),
            "/async" or "/asynchronous" => ForAsync(s, now, query),
            "/read-only-sync" or "/read-only-synchronous" => ForReadOnlySync(s, now, query),
            _ => Unavailable,
        };
    }

    public static int ForLeader(AgentSnapshot s, DateTimeOffset now) => Code(Leadership.Of(s, now).Leader);

    public static int ForPrimary(AgentSnapshot s, DateTimeOffset now) => Code(Leadership.Of(s, now).Primary);

    public static int ForStandbyLeader(AgentSnapshot s, DateTimeOffset now) => Code(Leadership.Of(s, now).StandbyLeader);

    public static int ForReplica(AgentSnapshot s, DateTimeOffset now, HealthQuery query) =>
        Code(IsReplicaOk(s, now, query) && Tagged(s, query));

    /// <summary>Readable: a primary or standby leader, else a healthy replica.</summary>
    public static int ForReadOnly(AgentSnapshot s, DateTimeOffset now, HealthQuery query)
    {
        Leadership leadership = Leadership.Of(s, now);
        bool ok = leadership.Primary || leadership.StandbyLeader || IsReplicaOk(s, now, query);
        return Code(ok && Tagged(s, query));
    }

    /// <summary>PostgreSQL is running, whatever its role.</summary>
    public static int ForHealth(AgentSnapshot s, HealthQuery query) =>
        Code(SnapshotFacts.IsRunningState(s.ReportedState()) && Tagged(s, query));

    public static int ForSync(AgentSnapshot s, DateTimeOffset now, HealthQuery query) =>
        Code(s.IsSyncStandbyAt(now) && IsReplicaOk(s, now, query) && Tagged(s, query));

    public static int ForAsync(AgentSnapshot s, DateTimeOffset now, HealthQuery query) =>
        Code(s.HasDcsViewAt(now) && !s.IsSyncStandbyAt(now) && IsReplicaOk(s, now, query) && Tagged(s, query));

    public static int ForReadOnlySync(AgentSnapshot s, DateTimeOffset now, HealthQuery query)
    {
        if (!s.HasDcsViewAt(now))
        {
            return Unavailable;
        }
        Leadership leadership = Leadership.Of(s, now);
        bool ok = leadership.Primary || leadership.StandbyLeader || (s.IsSyncStandbyAt(now) && IsReplicaOk(s, now, query));
        return Code(ok && Tagged(s, query));
    }

    /// <summary>
    /// Alive while the HA loop keeps publishing: the next cycle (taken + loop_wait) plus ttl (a running primary,
    /// whose lock expires then) or 2×ttl (anything else) is still ahead. Always alive while paused.
    /// </summary>
    public static int ForLiveness(AgentSnapshot s, DateTimeOffset now)
    {
        TimeSpan threshold = s.Postgres.IsRunningPrimary ? s.Ttl : s.Ttl * 2;
        return Code(s.Paused || s.TakenAt + s.LoopWait + threshold > now);
    }

    /// <summary>Ready as the leader, or with PostgreSQL running and a fresh view of the DCS.</summary>
    public static int ForReadiness(AgentSnapshot s, DateTimeOffset now) =>
        Code(s.IsLeaderAt(now) || (SnapshotFacts.IsRunningState(s.State) && s.HasDcsViewAt(now)));

    private static bool IsReplicaOk(AgentSnapshot s, DateTimeOffset now, HealthQuery query) =>
        !Leadership.Of(s, now).BlocksReplica
        && !s.Tags.NoLoadBalance
        && s.ReportedRole() == SnapshotFacts.Replica
        && SnapshotFacts.IsRunningState(s.ReportedState())
        && !s.IsLagging(query.MaxLagBytes);

    private static bool Tagged(AgentSnapshot s, HealthQuery query) =>
        query.Tags.Count == 0 || TagFilter.Matches(s.Tags, query.Tags);

    private static bool IsFirstSegment(string path, string segment) =>
        path.AsSpan(1).StartsWith(segment, StringComparison.Ordinal)
        && (path.Length == segment.Length + 1 || path[segment.Length + 1] == '/');

    private static int Code(bool ok) => ok ? Ok : Unavailable;
}

using Pgha.Core.Cluster;

namespace Pgha.Core.Tests.Ha;

/// <summary>Builds a <see cref="ClusterView"/> one key at a time; members are replaced by name.</summary>
public sealed class ClusterBuilder
{
    private ClusterView _view = ClusterView.Empty;

    public ClusterBuilder Leader(string name)
    {
        _view = _view with { Leader = new LeaderKey(name, ModRevision: 10, LeaseId: 1) };
        return this;
    }

    public ClusterBuilder NoLeader()
    {
        _view = _view with { Leader = null };
        return this;
    }

    /// <summary>Adds or replaces <c>members/&lt;name&gt;</c>.</summary>
    public ClusterBuilder Member(string name, long? lsn = 100, MemberRole role = MemberRole.Replica, int? timeline = 1,
        string state = "running", bool noFailover = false, bool cloneFrom = false, string? connUrl = null, bool noSync = false)
    {
        var member = new Member
        {
            Name = name,
            ConnUrl = connUrl ?? $"postgres://{name}:5432/postgres",
            ApiUrl = $"http://{name}:8008/patroni",
            State = state,
            Role = role,
            XlogLocation = lsn,
            Timeline = timeline,
            Tags = new MemberTags { NoFailover = noFailover, CloneFrom = cloneFrom, NoSync = noSync },
        };
        _view = _view with { Members = [.. _view.Members.Where(m => m.Name != name), member] };
        return this;
    }

    /// <summary>The <c>initialize</c> key: a system identifier, or "" while a bootstrap is under way.</summary>
    public ClusterBuilder Initialized(string systemIdentifier)
    {
        _view = _view with { Initialize = systemIdentifier };
        return this;
    }

    public ClusterBuilder NotInitialized()
    {
        _view = _view with { Initialize = null };
        return this;
    }

    /// <summary><c>status.optime</c>, the leader's last published WAL position.</summary>
    public ClusterBuilder LastLsn(long lsn)
    {
        _view = _view with { LastLsn = lsn };
        return this;
    }

    /// <summary>The failover key: a switchover away from <paramref name="leader"/> or a failover to <paramref name="candidate"/>.</summary>
    public ClusterBuilder Failover(string? leader = null, string? candidate = null, DateTimeOffset? scheduledAt = null)
    {
        _view = _view with { Failover = new FailoverKey(leader, candidate, scheduledAt) };
        return this;
    }

    /// <summary>Appends a <c>history</c> row: <paramref name="timeline"/> ended at <paramref name="lsn"/>.</summary>
    public ClusterBuilder History(int timeline, long lsn)
    {
        _view = _view with { History = [.. _view.History, new HistoryEntry(timeline, lsn, "no recovery target specified", null, null)] };
        return this;
    }

    /// <summary>The <c>sync</c> key (mod revision 20): <paramref name="leader"/> and its synchronous standbys.</summary>
    public ClusterBuilder Sync(string leader, params string[] standbys)
    {
        _view = _view with { Sync = new SyncKey(leader, standbys, ModRevision: 20) };
        return this;
    }

    public ClusterView Build() => _view;

    public static implicit operator ClusterView(ClusterBuilder builder) => builder.Build();
}

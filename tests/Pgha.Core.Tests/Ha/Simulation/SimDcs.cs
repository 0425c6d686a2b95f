using Pgha.Core.Cluster;

namespace Pgha.Core.Tests.Ha.Simulation;

/// <summary>
/// An in-memory etcd prefix: one lease per agent with a TTL on fake time, the leader key bound to its holder's lease
/// (create-if-absent, compare-and-delete), the initialize, failover and member keys. Expiry happens on every access.
/// </summary>
internal sealed class SimDcs(TimeSpan ttl)
{
    private readonly Dictionary<string, DateTimeOffset> _leaseExpiresAt = [];
    private readonly Dictionary<string, Member> _members = [];
    private long _revision;

    public string? Leader { get; private set; }
    public string? Initialize { get; private set; }
    public FailoverKey? Failover { get; set; }
    public long LastLsn { get; set; }
    public IReadOnlyList<HistoryEntry> History { get; set; } = [];
    public SyncKey? Sync { get; private set; }

    /// <summary>Compare-and-set on the sync key's revision (0: must be absent; null: unconditional).</summary>
    public bool WriteSync(string leader, string? standbys, long? expectedRevision)
    {
        if (expectedRevision is long expected && (Sync?.ModRevision ?? 0) != expected)
        {
            return false;
        }
        Sync = new SyncKey(leader, (standbys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), ++_revision);
        return true;
    }

    public bool DeleteSync(long expectedRevision)
    {
        if ((Sync?.ModRevision ?? 0) != expectedRevision)
        {
            return false;
        }
        Sync = null;
        return true;
    }

    public ClusterView Read(DateTimeOffset now)
    {
        Expire(now);
        return new ClusterView
        {
            Initialize = Initialize,
            Leader = Leader is null ? null : new LeaderKey(Leader, _revision, 1),
            Members = [.. _members.Values.OrderBy(m => m.Name, StringComparer.Ordinal)],
            Failover = Failover,
            LastLsn = LastLsn,
            History = History,
            Sync = Sync,
            Revision = ++_revision,
        };
    }

    /// <summary>Writes the member key and keeps the agent's lease alive, granting a new one if it had expired.</summary>
    public void PublishMember(Member member, DateTimeOffset now)
    {
        Expire(now);
        _leaseExpiresAt[member.Name] = now + ttl;
        _members[member.Name] = member;
    }

    public bool TryAcquire(string name, DateTimeOffset now)
    {
        Expire(now);
        _leaseExpiresAt[name] = now + ttl;
        if (Leader is not null)
        {
            return false;
        }
        Leader = name;
        return true;
    }

    public bool Refresh(string name, DateTimeOffset now)
    {
        Expire(now);
        if (Leader != name)
        {
            return false;
        }
        _leaseExpiresAt[name] = now + ttl;
        return true;
    }

    public void Release(string name, DateTimeOffset now)
    {
        Expire(now);
        if (Leader == name)
        {
            Leader = null;
        }
    }

    public bool ClaimInitialize()
    {
        if (Initialize is not null)
        {
            return false;
        }
        Initialize = "";
        return true;
    }

    public void PublishInitialize(string systemId) => Initialize = systemId;

    public void AbandonInitialize()
    {
        if (Initialize == "")
        {
            Initialize = null;
        }
    }

    /// <summary>Whether the leader key names <paramref name="name"/> at <paramref name="now"/>.</summary>
    public bool IsLeader(string name, DateTimeOffset now)
    {
        Expire(now);
        return Leader == name;
    }

    private void Expire(DateTimeOffset now)
    {
        foreach (string name in _leaseExpiresAt.Where(l => l.Value <= now).Select(l => l.Key).ToList())
        {
            _leaseExpiresAt.Remove(name);
            _members.Remove(name);
            if (Leader == name)
            {
                Leader = null;
            }
        }
    }
}

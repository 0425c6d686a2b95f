namespace Pgha.Core.Cluster;

/// <summary>One immutable snapshot of <c>/&lt;namespace&gt;/&lt;scope&gt;/</c>, read once per HA cycle.</summary>
public sealed record ClusterView
{
    public static readonly ClusterView Unreachable = new() { IsReachable = false };
    public static readonly ClusterView Empty = new();

    /// <summary>False when etcd could not be read within retry_timeout; every other field is then empty.</summary>
    public bool IsReachable { get; init; } = true;
    /// <summary>The <c>initialize</c> key: null absent, "" bootstrap under way, else the system identifier.</summary>
    public string? Initialize { get; init; }
    /// <summary>The raw JSON of the <c>config</c> key (null when absent).</summary>
    public string? ConfigJson { get; init; }
    public long ConfigModRevision { get; init; }
    public LeaderKey? Leader { get; init; }
    public IReadOnlyList<Member> Members { get; init; } = [];
    public FailoverKey? Failover { get; init; }
    public SyncKey? Sync { get; init; }
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];
    /// <summary>The <c>failsafe</c> key: member name to api_url, as the leader last wrote it; null when absent.</summary>
    public IReadOnlyDictionary<string, string>? Failsafe { get; init; }
    /// <summary><c>status.optime</c>: the leader's last published WAL position (0 when unknown).</summary>
    public long LastLsn { get; init; }
    /// <summary>The etcd revision the snapshot was read at.</summary>
    public long Revision { get; init; }

    public Member? FindMember(string name) => Members.FirstOrDefault(m => m.Name == name);

    public Member? LeaderMember => Leader is null ? null : FindMember(Leader.Name);

    public bool IsLeader(string name) => Leader?.Name == name;
}

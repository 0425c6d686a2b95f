using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Api;

/// <summary>
/// What the agent knew at the end of its last HA cycle, published as one immutable value (copy-on-write, swapped
/// atomically). The REST API reads only this; it never queries PostgreSQL or etcd itself.
/// </summary>
public sealed record AgentSnapshot
{
    public required string Name { get; init; }
    public required string Scope { get; init; }
    public required LocalPostgres Postgres { get; init; }
    /// <summary>Patroni role published in the member key.</summary>
    public required MemberRole Role { get; init; }
    /// <summary>Patroni state string (running, starting, stopped, crashed, creating replica, ...).</summary>
    public required string State { get; init; }
    /// <summary><c>streaming</c> for a replica whose walreceiver streams (Patroni 3.0.4's <c>replication_state</c>).</summary>
    public string? ReplicationState { get; init; }
    /// <summary>The last successful DCS read (may be stale when etcd is unreachable).</summary>
    public required ClusterView Cluster { get; init; }
    /// <summary>When this node last refreshed the leader key; null if it does not hold it.</summary>
    public DateTimeOffset? LeaderKeyRefreshedAt { get; init; }
    public DateTimeOffset? DcsLastSeen { get; init; }
    public required DateTimeOffset TakenAt { get; init; }
    public MemberTags Tags { get; init; } = MemberTags.None;
    public bool Paused { get; init; }
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan LoopWait { get; init; } = TimeSpan.FromSeconds(10);
    public string ApiUrl { get; init; } = "";
    public string ConnUrl { get; init; } = "";
    /// <summary>Version string we report as Patroni's (tools switch behaviour on it).</summary>
    public string PatroniVersion { get; init; } = "3.0.2";

    /// <summary>Patroni's "leader" test: we hold the key and refreshed it within ttl of <paramref name="now"/>.</summary>
    public bool IsLeaderAt(DateTimeOffset now) =>
        LeaderKeyRefreshedAt is { } refreshed && now - refreshed < Ttl;
}

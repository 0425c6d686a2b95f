namespace Pgha.Core.Cluster;

/// <summary>One <c>members/&lt;name&gt;</c> key as read from the DCS (Patroni's JSON fields).</summary>
public sealed record Member
{
    public required string Name { get; init; }
    /// <summary><c>postgres://host:port/db</c>, no credentials.</summary>
    public string ConnUrl { get; init; } = "";
    /// <summary><c>http://host:port/patroni</c>.</summary>
    public string ApiUrl { get; init; } = "";
    /// <summary>Patroni state string: running, stopped, starting, crashed, creating replica, ...</summary>
    public string State { get; init; } = "stopped";
    /// <summary>A running replica's <c>replication_state</c> (Patroni 3.0.4+): <c>streaming</c> while its walreceiver streams.</summary>
    public string? ReplicationState { get; init; }
    public MemberRole Role { get; init; } = MemberRole.Uninitialized;
    /// <summary>Primary: current WAL LSN; replica: max(received, replayed). Bytes.</summary>
    public long? XlogLocation { get; init; }
    public int? Timeline { get; init; }
    public MemberTags Tags { get; init; } = MemberTags.None;
    public bool PendingRestart { get; init; }
    public string? PendingRestartReason { get; init; }
    public bool Paused { get; init; }
    public string Version { get; init; } = "";

    /// <summary>
    /// The state <c>/cluster</c> and <c>pgha list</c> show, as Patroni 3.0.4+ does: a replica's replication state when it
    /// has one, else <see cref="State"/>. Members written before <c>replication_state</c> existed said <c>streaming</c>
    /// in <see cref="State"/> itself, so readers that want a running server accept both.
    /// </summary>
    public string ShownState(bool isLeader) => (isLeader ? null : ReplicationState) ?? State;

    /// <summary>Host and port parsed from <see cref="ConnUrl"/>; empty when it cannot be parsed.</summary>
    public (string Host, int Port) PostgresEndpoint => ConnUrlParser.HostPort(ConnUrl);
}

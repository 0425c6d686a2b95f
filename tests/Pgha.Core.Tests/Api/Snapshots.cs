using Pgha.Core.Api;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Api;

/// <summary>Snapshot builders for the API tests: a three-node cluster n1 (leader), n2, n3, seen at <see cref="Now"/>.</summary>
internal static class Snapshots
{
    public static readonly DateTimeOffset Now = new(2026, 3, 24, 10, 11, 12, TimeSpan.Zero);
    public const long LeaderLsn = 100L << 20;

    public static ClusterView ThreeNodes(string leader = "n1", params string[] syncStandbys) => new()
    {
        Initialize = "7214000000000000001",
        Leader = new LeaderKey(leader, 5, 77),
        Members =
        [
            Member("n1", MemberRole.Primary, LeaderLsn),
            Member("n2", MemberRole.Replica, LeaderLsn - 1000),
            Member("n3", MemberRole.Replica, LeaderLsn - (2L << 20)),
        ],
        Sync = syncStandbys.Length > 0 ? new SyncKey(leader, syncStandbys, 9) : null,
        LastLsn = LeaderLsn,
    };

    public static Member Member(string name, MemberRole role, long? lsn) => new()
    {
        Name = name,
        Role = role,
        State = "running",
        ConnUrl = $"postgres://127.0.63.{name[1..]}:5432/postgres",
        ApiUrl = $"http://127.0.63.{name[1..]}:8008/patroni",
        XlogLocation = lsn,
        Timeline = 1,
    };

    public static AgentSnapshot Leader() => new()
    {
        Name = "n1",
        Scope = "demo",
        Role = MemberRole.Primary,
        State = "running",
        Postgres = new LocalPostgres
        {
            RunState = PostgresRunState.Running,
            WalPosition = LeaderLsn,
            Timeline = 1,
            ServerVersion = 150004,
            SystemIdentifier = "7214000000000000001",
            PostmasterStartTime = new DateTimeOffset(2026, 3, 24, 9, 0, 0, TimeSpan.Zero).AddTicks(3456780),
        },
        Cluster = ThreeNodes(),
        LeaderKeyRefreshedAt = Now.AddSeconds(-2),
        DcsLastSeen = Now.AddSeconds(-2),
        TakenAt = Now.AddSeconds(-2),
    };

    /// <summary>n2 replaying <paramref name="behind"/> bytes behind the leader's published LSN.</summary>
    public static AgentSnapshot Replica(long behind = 1000) => Leader() with
    {
        Name = "n2",
        Role = MemberRole.Replica,
        Postgres = new LocalPostgres
        {
            RunState = PostgresRunState.Running,
            InRecovery = true,
            WalPosition = LeaderLsn - behind,
            ReceivedLsn = LeaderLsn - behind,
            ReplayedLsn = LeaderLsn - behind,
            Timeline = 1,
            ServerVersion = 150004,
            SystemIdentifier = "7214000000000000001",
        },
        LeaderKeyRefreshedAt = null,
    };

    public static AgentSnapshot StandbyLeader() => Replica() with
    {
        Name = "n1",
        Role = MemberRole.StandbyLeader,
        LeaderKeyRefreshedAt = Now.AddSeconds(-2),
    };

    public static AgentSnapshot Stopped(AgentSnapshot s, string state = "stopped") => s with
    {
        State = state,
        Postgres = LocalPostgres.StoppedInstance,
    };

    public static AgentSnapshot WithoutDcs(AgentSnapshot s) => s with
    {
        Cluster = ClusterView.Unreachable,
        DcsLastSeen = Now.AddSeconds(-60),
        LeaderKeyRefreshedAt = null,
    };

    public static MemberTags Tags(params (string Key, string Value)[] custom) => new()
    {
        Custom = custom.ToDictionary(t => t.Key, t => t.Value),
    };
}

using Pgha.Core.Api;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.IntegrationTests.Api;

/// <summary>A two-node cluster (n1 leader, n2 replica) seen just now, for HTTP-level tests.</summary>
internal static class TestSnapshots
{
    public const long LeaderLsn = 64L << 20;

    public static ClusterView Cluster() => new()
    {
        Leader = new LeaderKey("n1", 3, 42),
        ConfigJson = """{"ttl":30,"loop_wait":10}""",
        LastLsn = LeaderLsn,
        Members =
        [
            new Member { Name = "n2", Role = MemberRole.Replica, State = "running", ConnUrl = "postgres://127.0.63.12:5432/postgres", XlogLocation = LeaderLsn - (2L << 20), Timeline = 1 },
            new Member { Name = "n1", Role = MemberRole.Primary, State = "running", ConnUrl = "postgres://127.0.63.11:5432/postgres", XlogLocation = LeaderLsn, Timeline = 1 },
        ],
    };

    public static AgentSnapshot Leader(DateTimeOffset now) => new()
    {
        Name = "n1",
        Scope = "itest",
        Role = MemberRole.Primary,
        State = "running",
        Postgres = new LocalPostgres { RunState = PostgresRunState.Running, WalPosition = LeaderLsn, Timeline = 1, ServerVersion = 150004 },
        Cluster = Cluster(),
        LeaderKeyRefreshedAt = now,
        DcsLastSeen = now,
        TakenAt = now,
    };

    /// <summary>n2, replaying 2 MB behind the leader.</summary>
    public static AgentSnapshot Replica(DateTimeOffset now) => Leader(now) with
    {
        Name = "n2",
        Role = MemberRole.Replica,
        LeaderKeyRefreshedAt = null,
        Postgres = new LocalPostgres
        {
            RunState = PostgresRunState.Running,
            InRecovery = true,
            ReceivedLsn = LeaderLsn - (2L << 20),
            ReplayedLsn = LeaderLsn - (2L << 20),
            Timeline = 1,
            ServerVersion = 150004,
        },
    };
}

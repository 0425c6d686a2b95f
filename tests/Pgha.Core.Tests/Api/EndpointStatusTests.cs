using Pgha.Core.Api;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;
using static Pgha.Core.Tests.Api.Snapshots;

namespace Pgha.Core.Tests.Api;

public sealed class EndpointStatusTests
{
    private static readonly Dictionary<string, AgentSnapshot> s_scenarios = new()
    {
        ["leader"] = Leader(),
        ["leader whose lock refresh is older than ttl"] = Leader() with { LeaderKeyRefreshedAt = Now.AddSeconds(-31) },
        ["running primary without the lock"] = Leader() with { LeaderKeyRefreshedAt = null },
        ["leader with stopped postgres"] = Stopped(Leader()),
        ["leader tagged dc=east"] = Leader() with { Tags = Tags(("dc", "east")) },
        ["replica"] = Replica(),
        ["replica reporting streaming"] = Replica() with { State = "streaming" },
        ["replica 2MB behind"] = Replica(behind: 2L << 20),
        ["replica with noloadbalance"] = Replica() with { Tags = new MemberTags { NoLoadBalance = true } },
        ["replica with nofailover"] = Replica() with { Tags = new MemberTags { NoFailover = true } },
        ["replica tagged dc=east"] = Replica() with { Tags = Tags(("dc", "east")) },
        ["replica stopped"] = Stopped(Replica()),
        ["replica starting"] = Stopped(Replica(), "starting") with { Postgres = new LocalPostgres { RunState = PostgresRunState.Starting } },
        ["replica whose postgres does not answer"] = Replica() with
        {
            Postgres = new LocalPostgres { RunState = PostgresRunState.NotResponding, InRecovery = true },
        },
        ["sync replica"] = Replica() with { Cluster = ThreeNodes("n1", "n2") },
        ["sync replica without a DCS view"] = WithoutDcs(Replica() with { Cluster = ThreeNodes("n1", "n2") }),
        ["replica without a DCS view"] = WithoutDcs(Replica()),
        ["replica whose DCS view is older than ttl"] = Replica() with { DcsLastSeen = Now.AddSeconds(-31) },
        ["standby leader"] = StandbyLeader(),
        ["paused primary without a DCS view"] = WithoutDcs(Leader()) with { Paused = true },
        ["paused standby leader without a DCS view"] = WithoutDcs(StandbyLeader()) with { Paused = true },
        ["paused replica without a DCS view"] = WithoutDcs(Replica()) with { Paused = true },
        ["primary without a DCS view, not paused"] = WithoutDcs(Leader()),
    };

    public static TheoryData<string, string, int> Rows => new()
    {
        // leader, primary and their aliases ignore tags
        { "leader", "/", 200 },
        { "leader", "", 200 },
        { "leader", "/primary", 200 },
        { "leader", "/master", 200 },
        { "leader", "/read-write", 200 },
        { "leader", "/leader", 200 },
        { "leader", "/primary?tag_dc=west", 200 },
        { "leader", "/standby-leader", 503 },
        { "leader", "/standby_leader", 503 },
        { "leader", "/replica", 503 },
        { "leader", "/read-only", 200 },
        { "leader", "/health", 200 },
        { "leader", "/sync", 503 },
        { "leader", "/async", 503 },
        { "leader", "/read-only-sync", 200 },
        { "leader", "/read-only-synchronous", 200 },
        { "leader", "/readiness", 200 },
        { "leader whose lock refresh is older than ttl", "/primary", 503 },
        { "leader whose lock refresh is older than ttl", "/leader", 503 },
        { "leader whose lock refresh is older than ttl", "/health", 200 },
        { "running primary without the lock", "/primary", 503 },
        { "running primary without the lock", "/read-only", 503 },
        { "leader with stopped postgres", "/leader", 200 },
        { "leader with stopped postgres", "/health", 503 },
        { "leader tagged dc=east", "/read-only?tag_dc=east", 200 },
        { "leader tagged dc=east", "/read-only?tag_dc=west", 503 },
        { "leader tagged dc=east", "/health?tag_dc=east", 200 },
        { "leader tagged dc=east", "/health?tag_rack=1", 503 },
        // replicas
        { "replica", "/replica", 200 },
        { "replica", "/primary", 503 },
        { "replica", "/", 503 },
        { "replica", "/leader", 503 },
        { "replica", "/standby-leader", 503 },
        { "replica", "/read-only", 200 },
        { "replica", "/health", 200 },
        { "replica", "/async", 200 },
        { "replica", "/asynchronous", 200 },
        { "replica", "/sync", 503 },
        { "replica", "/read-only-sync", 503 },
        { "replica", "/replica?lag=1MB", 200 },
        { "replica", "/replica?lag=1000", 200 },
        { "replica", "/replica?lag=999", 503 },
        { "replica", "/replica?tag_dc=east", 503 },
        { "replica", "/readiness", 200 },
        { "replica reporting streaming", "/replica", 200 },
        { "replica reporting streaming", "/health", 200 },
        { "replica 2MB behind", "/replica", 200 },
        { "replica 2MB behind", "/replica?lag=1MB", 503 },
        { "replica 2MB behind", "/replica?lag=1048576", 503 },
        { "replica 2MB behind", "/replica?lag=1024kB", 503 },
        { "replica 2MB behind", "/replica?lag=2MB", 200 },
        { "replica 2MB behind", "/replica?lag=16kB", 503 },
        { "replica 2MB behind", "/replica?lag=10MB", 200 },
        { "replica 2MB behind", "/replica?lag=1GB", 200 },
        { "replica 2MB behind", "/replica?lag=lots", 200 },
        { "replica 2MB behind", "/read-only?lag=1MB", 503 },
        { "replica 2MB behind", "/async?lag=1MB", 503 },
        { "replica with noloadbalance", "/replica", 503 },
        { "replica with noloadbalance", "/read-only", 503 },
        { "replica with noloadbalance", "/health", 200 },
        { "replica with nofailover", "/replica?tag_nofailover=true", 200 },
        { "replica with nofailover", "/replica?tag_nofailover=false", 503 },
        { "replica", "/replica?tag_nofailover=false", 503 },
        { "replica tagged dc=east", "/replica?tag_dc=east", 200 },
        { "replica tagged dc=east", "/replica?tag_dc=west", 503 },
        { "replica tagged dc=east", "/replica?tag_dc=east&tag_rack=1", 503 },
        { "replica tagged dc=east", "/replica?tag_dc=east&lag=1MB", 200 },
        { "replica stopped", "/replica", 503 },
        { "replica stopped", "/health", 503 },
        { "replica stopped", "/read-only", 503 },
        { "replica stopped", "/readiness", 503 },
        { "replica starting", "/replica", 503 },
        { "replica starting", "/readiness", 503 },
        { "replica whose postgres does not answer", "/replica", 503 },
        { "replica whose postgres does not answer", "/health", 503 },
        { "sync replica", "/sync", 200 },
        { "sync replica", "/synchronous", 200 },
        { "sync replica", "/async", 503 },
        { "sync replica", "/read-only-sync", 200 },
        { "sync replica", "/replica", 200 },
        { "sync replica without a DCS view", "/sync", 503 },
        { "sync replica without a DCS view", "/read-only-sync", 503 },
        { "sync replica without a DCS view", "/replica", 200 },
        { "replica without a DCS view", "/async", 503 },
        { "replica without a DCS view", "/readiness", 503 },
        { "replica whose DCS view is older than ttl", "/readiness", 503 },
        // standby cluster
        { "standby leader", "/standby-leader", 200 },
        { "standby leader", "/standby_leader", 200 },
        { "standby leader", "/leader", 200 },
        { "standby leader", "/primary", 503 },
        { "standby leader", "/replica", 503 },
        { "standby leader", "/read-only", 200 },
        { "standby leader", "/read-only-sync", 200 },
        // paused with etcd down: PostgreSQL's role decides
        { "paused primary without a DCS view", "/primary", 200 },
        { "paused primary without a DCS view", "/leader", 200 },
        { "paused primary without a DCS view", "/standby-leader", 503 },
        { "paused standby leader without a DCS view", "/standby-leader", 200 },
        { "paused standby leader without a DCS view", "/primary", 503 },
        { "paused replica without a DCS view", "/primary", 503 },
        { "paused replica without a DCS view", "/replica", 200 },
        { "primary without a DCS view, not paused", "/primary", 503 },
        // Patroni's substring routing
        { "replica", "/replica/extra", 200 },
        { "leader", "/is-primary-here", 200 },
        { "leader", "/unknown", 503 },
        { "leader", "/patronix", 503 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Health_path_answers_the_expected_status(string scenario, string pathAndQuery, int expected)
    {
        (string path, HealthQuery query) = Split(pathAndQuery);

        int status = EndpointStatus.ForPath(path, s_scenarios[scenario], Now, query);

        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("/primary")]
    [InlineData("/replica")]
    [InlineData("/health")]
    [InlineData("/liveness")]
    [InlineData("/readiness")]
    public void Every_path_is_unavailable_before_the_first_snapshot(string path) =>
        Assert.Equal(503, EndpointStatus.ForPath(path, null, Now, HealthQuery.None));

    internal static (string Path, HealthQuery Query) Split(string pathAndQuery)
    {
        int mark = pathAndQuery.IndexOf('?');
        if (mark < 0)
        {
            return (pathAndQuery, HealthQuery.None);
        }
        IEnumerable<KeyValuePair<string, string>> pairs = pathAndQuery[(mark + 1)..]
            .Split('&')
            .Select(p => p.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string>(Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : ""));
        return (pathAndQuery[..mark], HealthQuery.Parse(pairs));
    }
}

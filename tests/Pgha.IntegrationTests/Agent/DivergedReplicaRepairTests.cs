using System.Diagnostics;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Agent;

/// <summary>
/// A replica that replayed the old timeline past the point where the new leader forked, and already holds the new
/// timeline's history file, cannot start (PostgreSQL refuses the timeline): its agent rewinds it instead of starting
/// it again every cycle, and it streams from the new leader.
/// </summary>
public sealed class DivergedReplicaRepairTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("diverged", ["127.0.95.11", "127.0.95.12", "127.0.95.13"]);

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Replica_refused_by_the_new_timeline_is_rewound_by_its_agent_and_streams_from_the_new_leader()
    {
        string old = await _cluster.WaitHealthyAsync();
        string ahead = _cluster.Names.First(n => n != old);
        string behind = _cluster.Names.Last(n => n != old);
        await _cluster.ExecuteAsync(old, "create table t(v text); insert into t values ('common')");
        await Wait.UntilAsync(async () => await _cluster.CountAsync(behind, "t") == 1, TimeSpan.FromSeconds(60), $"{behind} to replay the common row");

        // behind stops (cleanly, by its agent); ahead replays more of timeline 1, a checkpoint included, and stops too.
        await _cluster.StopAgentAsync(behind);
        await _cluster.ExecuteAsync(old, "insert into t select 'only on timeline 1' from generate_series(1, 1000); checkpoint");
        string end = await _cluster.ScalarAsync<string>(old, "select pg_current_wal_lsn()::text");
        await Wait.UntilAsync(async () => await _cluster.ScalarAsync<bool>(ahead, $"select pg_last_wal_replay_lsn() >= '{end}'::pg_lsn"),
            TimeSpan.FromSeconds(60), $"{ahead} to replay the leader's last WAL");
        await _cluster.StopAgentAsync(ahead);
        await _cluster.KillAgentAsync(old);
        Assert.True(_cluster.KillPostmaster(old));

        // behind is the only member left: it promotes from its earlier point, forking timeline 2 before ahead's position.
        _cluster.StartAgent(behind);
        await Wait.UntilAsync(async () => (await _cluster.TryReadAsync()).LeaderMember is { Role: MemberRole.Primary, State: "running", Timeline: 2 } l && l.Name == behind,
            TimeSpan.FromSeconds(180), $"{behind} to lead on timeline 2");
        // What a walreceiver fetches from the new leader before it finds it cannot stream: the new timeline's history.
        await CopyAsPostgresAsync(Path.Combine(_cluster.DataDir(behind), "pg_wal", "00000002.history"), Path.Combine(_cluster.DataDir(ahead), "pg_wal"));

        _cluster.StartAgent(ahead);

        await Wait.UntilAsync(async () =>
        {
            ClusterView view = await _cluster.TryReadAsync();
            return view.Leader?.Name == behind && view.FindMember(ahead)?.ReplicationState == "streaming";
        }, TimeSpan.FromSeconds(180), $"{ahead} to stream from {behind}");
        string log = _cluster.Log(ahead);
        Assert.Contains(HaReasons.FollowerRewindDivergedStart(behind), log, StringComparison.Ordinal);
        Assert.DoesNotContain("moving the data directory aside", log, StringComparison.Ordinal);
        Assert.Equal(0L, await _cluster.ScalarAsync<long>(ahead, "select count(*) from t where v = 'only on timeline 1'"));
    }

    private static async Task CopyAsPostgresAsync(string file, string directory)
    {
        using Process install = Process.Start("install", ["-o", "postgres", "-g", "postgres", "-m", "600", file, directory])!;
        await install.WaitForExitAsync();
        Assert.Equal(0, install.ExitCode);
    }
}

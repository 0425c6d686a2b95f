using Pgha.Core.Cluster;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Agent;

/// <summary>A fresh cluster bootstraps, replicates, survives a postmaster crash in place, and hands over on SIGTERM.</summary>
public sealed class BootstrapTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("bootstrap", ["127.0.70.1", "127.0.70.2", "127.0.70.3"]);

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Bootstraps_one_leader_with_two_streaming_replicas_that_receive_rows_written_on_the_leader()
    {
        string leader = await _cluster.WaitHealthyAsync();
        await _cluster.ExecuteAsync(leader, "create table t(x int); insert into t select generate_series(1, 100)");
        foreach (string replica in _cluster.Names.Where(n => n != leader))
        {
            await Wait.UntilAsync(async () => await SafeCountAsync(replica) == 100, TimeSpan.FromSeconds(60), $"rows to reach {replica}");
            Assert.False(await _cluster.IsWritablePrimaryAsync(replica));
        }
        ClusterView view = await _cluster.ReadAsync();
        Assert.False(string.IsNullOrEmpty(view.Initialize));
        Assert.Equal(3, view.Members.Count);
    }

    [Fact]
    public async Task A_killed_leader_postmaster_is_restarted_in_place_without_failover()
    {
        string leader = await _cluster.WaitHealthyAsync();
        int before = _cluster.PostmasterPid(leader)!.Value;
        Assert.True(_cluster.KillPostmaster(leader));
        await Wait.UntilAsync(() => Task.FromResult(_cluster.PostmasterPid(leader) is int p && p != before), TimeSpan.FromSeconds(60), "a new postmaster on the leader");
        await Wait.UntilAsync(() => _cluster.IsWritablePrimaryAsync(leader), TimeSpan.FromSeconds(60), "the leader to take writes again");
        ClusterView view = ClusterView.Empty;
        await Wait.UntilAsync(async () => (view = await _cluster.ReadAsync()).LeaderMember is { State: "running", Timeline: not null },
            TimeSpan.FromSeconds(60), "the leader to publish its running state again");
        Assert.Equal(leader, view.Leader?.Name);
        Assert.Contains("restarting crashed PostgreSQL as primary", _cluster.Log(leader), StringComparison.Ordinal);
        Assert.Equal(1, view.LeaderMember!.Timeline);
    }

    [Fact]
    public async Task Sigterm_of_the_leader_agent_stops_postgres_and_releases_the_key_so_a_replica_takes_over()
    {
        string leader = await _cluster.WaitHealthyAsync();
        await _cluster.StopAgentAsync(leader);
        // The agent has exited: its key must be gone already (released, not left to expire), and its lease revoked.
        ClusterView after = await _cluster.ReadAsync();
        Assert.NotEqual(leader, after.Leader?.Name);
        Assert.Null(after.FindMember(leader));
        Assert.False(await _cluster.IsWritablePrimaryAsync(leader));
        string next = await _cluster.WaitHealthyAsync(replicas: 1, notLeader: leader);
        Assert.True(await _cluster.IsWritablePrimaryAsync(next));
    }

    private async Task<long> SafeCountAsync(string node)
    {
        try
        {
            return await _cluster.CountAsync(node, "t");
        }
        catch (Npgsql.NpgsqlException)
        {
            return -1;
        }
    }
}

using Pgha.Core.Cluster;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Agent;

/// <summary>The leader dies (agent and postmaster, kill -9): a replica that may fail over takes over; the old leader rejoins.</summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private const string NoFailoverNode = "n2";
    private readonly AgentCluster _cluster = new("failover", ["127.0.71.1", "127.0.71.2", "127.0.71.3"]);

    public Task InitializeAsync() =>
        _cluster.StartAsync((node, yaml) => node == NoFailoverNode ? yaml.Replace("nofailover: false", "nofailover: true", StringComparison.Ordinal) : yaml);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Killing_the_leader_promotes_the_replica_without_nofailover_and_the_old_leader_rejoins_with_pg_rewind()
    {
        Assert.Contains("nofailover: true", File.ReadAllText(_cluster.ConfigPath(NoFailoverNode)), StringComparison.Ordinal);
        string leader = await _cluster.WaitHealthyAsync();
        Assert.NotEqual(NoFailoverNode, leader);
        await _cluster.ExecuteAsync(leader, "create table t(x int); insert into t values (1)");
        string expected = _cluster.Names.Single(n => n != leader && n != NoFailoverNode);

        await _cluster.KillAgentAsync(leader);
        Assert.True(_cluster.KillPostmaster(leader));

        string next = await _cluster.WaitHealthyAsync(replicas: 1, notLeader: leader);
        Assert.Equal(expected, next);
        // The fence outlived the agent: with nothing of PostgreSQL left it revoked the lease instead of letting it expire.
        Assert.Contains("released the leader key", File.ReadAllText(_cluster.FenceLog(leader)), StringComparison.Ordinal);
        await using (var writer = new Npgsql.NpgsqlConnection(_cluster.WriterConnectionString()))
        {
            await writer.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand("insert into t values (2)", writer);
            await insert.ExecuteNonQueryAsync();
        }

        _cluster.StartAgent(leader);
        await Wait.UntilAsync(async () =>
        {
            ClusterView view = await _cluster.TryReadAsync();
            return view.Leader?.Name == next && view.FindMember(leader)?.ReplicationState == "streaming";
        }, TimeSpan.FromSeconds(180), $"{leader} to rejoin as a streaming replica of {next}");
        Assert.Contains("pg_rewind", _cluster.Log(leader), StringComparison.Ordinal);
        await Wait.UntilAsync(async () => await _cluster.CountAsync(leader, "t") == 2, TimeSpan.FromSeconds(60), "the write on the new leader to reach the old one");
        Assert.False(await _cluster.IsWritablePrimaryAsync(leader));
    }
}

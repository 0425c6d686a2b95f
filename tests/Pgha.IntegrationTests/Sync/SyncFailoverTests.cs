using Pgha.Testing;

namespace Pgha.IntegrationTests.Sync;

/// <summary>With synchronous_mode, the leader dies (agent and postmaster, kill -9): the sync standby takes over with every commit.</summary>
public sealed class SyncFailoverTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("sync-failover", ["127.0.83.1", "127.0.83.2", "127.0.83.3"]);

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Killing_the_leader_promotes_the_member_in_the_sync_key_with_every_committed_row()
    {
        string leader = await _cluster.WaitHealthyAsync();
        await _cluster.SetAsync("synchronous_mode=true");
        string standby = await _cluster.WaitForSyncStandbyAsync(leader);
        await _cluster.ExecuteAsync(leader, "create table t(x int); insert into t select generate_series(1, 1000)");
        Assert.Equal([standby], (await _cluster.ReadAsync()).Sync?.SyncStandbys);

        await _cluster.KillAgentAsync(leader);
        Assert.True(_cluster.KillPostmaster(leader));

        string next = await _cluster.WaitHealthyAsync(replicas: 1, notLeader: leader);
        Assert.Equal(standby, next);
        Assert.Equal(1000, await _cluster.CountAsync(next, "t"));
    }
}

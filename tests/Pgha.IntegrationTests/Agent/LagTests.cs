using Pgha.Core.Cluster;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Agent;

/// <summary>A replica whose WAL lags the last leader position by more than maximum_lag_on_failover never promotes.</summary>
public sealed class LagTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("lag", ["127.0.72.1", "127.0.72.2", "127.0.72.3"]);

    public Task InitializeAsync() =>
        _cluster.StartAsync((_, yaml) => yaml.Replace("maximum_lag_on_failover: 1048576", "maximum_lag_on_failover: 65536", StringComparison.Ordinal));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_replica_lagging_past_maximum_lag_on_failover_is_never_promoted()
    {
        Assert.Contains("maximum_lag_on_failover: 65536", File.ReadAllText(_cluster.ConfigPath("n1")), StringComparison.Ordinal);
        string leader = await _cluster.WaitHealthyAsync();
        string[] replicas = _cluster.Names.Where(n => n != leader).ToArray();
        string lagging = replicas[0];

        await _cluster.KillAgentAsync(lagging);
        _cluster.KillPostmaster(lagging);
        await _cluster.ExecuteAsync(leader, "create table big as select g, repeat('x', 200) as pad from generate_series(1, 20000) g");
        long target = await _cluster.ScalarAsync<long>(leader, "select pg_current_wal_lsn() - '0/0'");
        await Wait.UntilAsync(async () =>
        {
            ClusterView view = await _cluster.ReadAsync();
            return view.LastLsn >= target && view.FindMember(replicas[1]) is { XlogLocation: long p } && p >= target;
        }, TimeSpan.FromSeconds(60), "the leader to publish its WAL position after the write and the healthy replica to catch up");

        foreach (string node in new[] { leader, replicas[1] })
        {
            await _cluster.KillAgentAsync(node);
            _cluster.KillPostmaster(node);
        }
        _cluster.StartAgent(lagging);
        await Wait.UntilAsync(() => Task.FromResult(_cluster.Log(lagging).Contains("maximum_lag_on_failover", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(120), $"{lagging} to refuse leadership because of its lag");
        ClusterView after = await _cluster.ReadAsync();
        Assert.Null(after.Leader);
        Assert.False(await _cluster.IsWritablePrimaryAsync(lagging));
    }
}

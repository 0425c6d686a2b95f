using Pgha.Core.Ha;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresReplicationTests : IAsyncLifetime
{
    private readonly PostgresTestCluster _cluster = new();
    private PostgresTestNode _n1 = null!;
    private PostgresTestNode _n2 = null!;

    public async Task InitializeAsync()
    {
        (_n1, _n2) = await _cluster.PrimaryWithStreamingReplicaAsync("CREATE TABLE t (v text)");
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Cloned_replica_streams_rows_written_on_the_primary()
    {
        await _n1.ExecuteAsync("INSERT INTO t VALUES ('first')");

        await PostgresTestCluster.WaitUntilAsync(async () => (long)(await _n2.ScalarAsync("SELECT count(*) FROM t"))! == 1, "the row reaches n2");
        await PostgresTestCluster.WaitUntilAsync(async () => (await _n2.Probe.ProbeAsync(CancellationToken.None)).IsStreaming, "n2 streams");
        LocalPostgres replica = await _n2.Probe.ProbeAsync(CancellationToken.None);
        Assert.True(replica.IsRunningReplica);
        Assert.Equal(_n1.Address, replica.UpstreamHost);
        Assert.NotNull(replica.ReplayedLsn);
        Assert.True(replica.WalPosition > 0);
        LocalPostgres primary = await _n1.Probe.ProbeAsync(CancellationToken.None);
        ReplicationConnection standby = Assert.Single(primary.Replication);
        Assert.Equal("n2", standby.ApplicationName);
        Assert.Equal("replicator", standby.UserName);
        Assert.Equal(true, await _n1.ScalarAsync("SELECT active FROM pg_replication_slots WHERE slot_name = 'n2'"));
    }

    [Fact]
    public async Task Promoted_replica_is_a_primary_on_timeline_2()
    {
        await _n2.Control.PromoteAsync([], CancellationToken.None);

        LocalPostgres probe = await _n2.Probe.ProbeAsync(CancellationToken.None);
        Assert.True(probe.IsRunningPrimary);
        Assert.Equal(2, probe.Timeline);
    }

    [Fact]
    public async Task Old_primary_rewound_against_the_promoted_replica_follows_it_and_loses_its_divergent_rows()
    {
        await _n2.Control.PromoteAsync([], CancellationToken.None);
        await _n1.ExecuteAsync("INSERT INTO t VALUES ('divergent')");
        await _n1.Control.StopAsync(DemoteMode.Immediate, CancellationToken.None);
        Assert.Equal(PostgresRunState.Stopped, (await _n1.Probe.ProbeAsync(CancellationToken.None)).RunState);

        await _n1.Provisioning.RewindAsync(_n2.AsUpstream, CancellationToken.None);
        await _n2.ExecuteAsync("SELECT pg_create_physical_replication_slot('n1', true)");
        await _n1.Control.StartAsync(StartRole.Replica, _n2.AsUpstream, CancellationToken.None);
        await _n2.ExecuteAsync("INSERT INTO t VALUES ('after')");

        await PostgresTestCluster.WaitUntilAsync(async () => (long)(await _n1.ScalarAsync("SELECT count(*) FROM t WHERE v = 'after'"))! == 1, "the new row reaches n1");
        Assert.Equal(0L, await _n1.ScalarAsync("SELECT count(*) FROM t WHERE v = 'divergent'"));
        LocalPostgres probe = await _n1.Probe.ProbeAsync(CancellationToken.None);
        Assert.True(probe.IsRunningReplica);
        Assert.Equal(2, probe.Timeline);
    }

    [Fact]
    public async Task Follow_repoints_a_replica_without_a_restart()
    {
        DateTimeOffset? started = (await _n2.Probe.ProbeAsync(CancellationToken.None)).PostmasterStartTime;
        var elsewhere = new Pgha.Agent.Upstream("n3", "127.0.62.3", 5432);

        await _n2.Control.FollowAsync(elsewhere, CancellationToken.None);

        await PostgresTestCluster.WaitUntilAsync(
            async () => (string?)await _n2.ScalarAsync("SELECT current_setting('primary_conninfo')") is { } c && c.Contains("127.0.62.3", StringComparison.Ordinal),
            "primary_conninfo names the new upstream");
        Assert.Equal(started, (await _n2.Probe.ProbeAsync(CancellationToken.None)).PostmasterStartTime);
    }
}

using Pgha.Core.Ha;
using Pgha.Core.Postgres;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Postgres;

/// <summary>A switchover done the way the agent does it, on 127.0.96.1-2: the new primary's slots exist before its replicas reconnect.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PromotionSlotTests : IAsyncLifetime
{
    private readonly PostgresTestCluster _cluster = new(network: "127.0.96");
    private PostgresTestNode _n1 = null!;
    private PostgresTestNode _n2 = null!;

    public async Task InitializeAsync()
    {
        (_n1, _n2) = await _cluster.PrimaryWithStreamingReplicaAsync("CREATE TABLE t (v text)");
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task The_promoted_replica_has_the_old_primarys_slot_when_promotion_returns_and_the_old_primary_streams_into_it()
    {
        await _n1.ExecuteAsync("INSERT INTO t VALUES ('before')");
        await _n1.Control.StopAsync(DemoteMode.Graceful, CancellationToken.None);

        await _n2.Control.PromoteAsync([SlotName.ForMember("n1")], CancellationToken.None);

        Assert.Equal(1L, await _n2.ScalarAsync($"SELECT count(*) FROM pg_replication_slots WHERE slot_name = '{SlotName.ForMember("n1")}'"));
        Assert.True((await _n2.Probe.ProbeAsync(CancellationToken.None)).IsRunningPrimary);
        await _n1.Control.StartAsync(StartRole.Replica, _n2.AsUpstream, CancellationToken.None);
        await _n2.ExecuteAsync("INSERT INTO t VALUES ('after')");
        await PostgresTestCluster.WaitUntilAsync(async () => (long)(await _n1.ScalarAsync("SELECT count(*) FROM t"))! == 2, "the new row reaches n1");
        Assert.Equal(true, await _n2.ScalarAsync($"SELECT active FROM pg_replication_slots WHERE slot_name = '{SlotName.ForMember("n1")}'"));
        Assert.DoesNotContain("does not exist", await File.ReadAllTextAsync(_n1.Instance.LogFile), StringComparison.Ordinal);
    }
}

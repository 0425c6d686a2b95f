using Pgha.Agent;
using Pgha.Core.Config;
using Pgha.Core.Ha;
using Pgha.Core.Postgres;
using Pgha.Testing;
using Xunit.Abstractions;

namespace Pgha.IntegrationTests.Postgres;

/// <summary>
/// A replica that replayed WAL of the old timeline past the point where the new primary forked, and that holds the new
/// timeline's history file, cannot start again: PostgreSQL refuses the timeline. The start's log tells so, and a rewind
/// from the new primary repairs it. On 127.0.95.x, with logging_collector on, as deployments have it.
/// </summary>
public sealed class DivergedReplicaStartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly PostgresTestCluster _cluster = new(
        new DynamicConfig { Parameters = new Dictionary<string, string> { ["logging_collector"] = "on" } }, network: "127.0.95");
    private PostgresTestNode _n1 = null!;
    private PostgresTestNode _n2 = null!;
    private PostgresTestNode _n3 = null!;

    public async Task InitializeAsync()
    {
        _n1 = await _cluster.NodeAsync(1);
        _n2 = await _cluster.NodeAsync(2);
        _n3 = await _cluster.NodeAsync(3);
        await _n1.Provisioning.BootstrapAsync(CancellationToken.None);
        await _n1.ExecuteAsync("SELECT pg_create_physical_replication_slot('n2', true), pg_create_physical_replication_slot('n3', true); CREATE TABLE t (v text)");
        foreach (PostgresTestNode replica in (PostgresTestNode[])[_n2, _n3])
        {
            await replica.Provisioning.CloneAsync(_n1.AsUpstream, CancellationToken.None);
            await replica.Control.StartAsync(StartRole.Replica, _n1.AsUpstream, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Replica_past_the_fork_fails_to_start_as_diverged_and_streams_from_the_new_primary_after_a_rewind()
    {
        await MakeN2DivergeFromN3Async();

        StartFailedException refused = await Assert.ThrowsAsync<StartFailedException>(
            () => _n2.Control.StartAsync(StartRole.Replica, _n3.AsUpstream, CancellationToken.None));
        output.WriteLine(refused.Message);
        Assert.True(TimelineMismatch.InStartLog(refused.LogTail), $"not recognised as a timeline refusal: {refused.Message}");

        await _n2.Provisioning.RewindAsync(_n3.AsUpstream, CancellationToken.None);
        await _n2.Control.StartAsync(StartRole.Replica, _n3.AsUpstream, CancellationToken.None);
        await _n3.ExecuteAsync("INSERT INTO t VALUES ('after')");

        await PostgresTestCluster.WaitUntilAsync(async () => (long)(await _n2.ScalarAsync("SELECT count(*) FROM t WHERE v = 'after'"))! == 1, "the new row reaches n2");
        await PostgresTestCluster.WaitUntilAsync(async () => (await _n2.Probe.ProbeAsync(CancellationToken.None)).IsStreaming, "n2 streams from n3");
        Assert.Equal(0L, await _n2.ScalarAsync("SELECT count(*) FROM t WHERE v = 'only on timeline 1'"));
    }

    [Fact]
    public async Task Replica_refused_for_a_bad_parameter_is_not_diverged()
    {
        await _n2.Control.StopAsync(DemoteMode.Graceful, CancellationToken.None);
        _cluster.Dynamic = _cluster.Dynamic with { Parameters = new Dictionary<string, string> { ["logging_collector"] = "on", ["work_mem"] = "lots" } };

        StartFailedException refused = await Assert.ThrowsAsync<StartFailedException>(
            () => _n2.Control.StartAsync(StartRole.Replica, _n1.AsUpstream, CancellationToken.None));

        Assert.Contains(refused.LogTail, l => l.Contains("work_mem", StringComparison.Ordinal));
        Assert.False(TimelineMismatch.InStartLog(refused.LogTail));
    }

    /// <summary>
    /// n3 stops, n2 replays more of timeline 1 (a checkpoint included), n1 dies and n3 is promoted from its earlier point.
    /// n2, pointed at n3, fetches the timeline 2 history file through its walreceiver (which then cannot stream) and stops.
    /// </summary>
    private async Task MakeN2DivergeFromN3Async()
    {
        await _n3.Control.StopAsync(DemoteMode.Graceful, CancellationToken.None);
        await _n1.ExecuteAsync("INSERT INTO t SELECT 'only on timeline 1' FROM generate_series(1, 1000); CHECKPOINT");
        string end = (string)(await _n1.ScalarAsync("SELECT pg_current_wal_lsn()::text"))!;
        await PostgresTestCluster.WaitUntilAsync(
            async () => (bool)(await _n2.ScalarAsync($"SELECT pg_last_wal_replay_lsn() >= '{end}'::pg_lsn"))!, "n2 replays n1's last WAL");
        await _n1.Control.StopAsync(DemoteMode.Immediate, CancellationToken.None);

        await _n3.Control.StartAsync(StartRole.Replica, null, CancellationToken.None);
        await _n3.Control.PromoteAsync([], CancellationToken.None);
        await _n3.ExecuteAsync("SELECT pg_create_physical_replication_slot('n2', true)");

        await _n2.Control.FollowAsync(_n3.AsUpstream, CancellationToken.None);
        string history = Path.Combine(_n2.Instance.DataDir, "pg_wal", "00000002.history");
        await PostgresTestCluster.WaitUntilAsync(() => Task.FromResult(File.Exists(history)), "n2's walreceiver fetches the timeline 2 history");
        await _n2.Control.StopAsync(DemoteMode.Graceful, CancellationToken.None);
    }
}

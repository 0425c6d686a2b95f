using System.Text.RegularExpressions;
using Pgha.Core.Config;
using Pgha.Core.Ha;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Postgres;

/// <summary>
/// What a failover asks of the replica's server before clients can write again, on 127.0.98.1-2: no new login for the
/// promote request when the probe kept a connection, and no replication login per look while replay stands still.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PromotionConnectionTests : IAsyncLifetime
{
    private readonly PostgresTestCluster _cluster = new(
        new DynamicConfig { Parameters = new Dictionary<string, string> { ["log_connections"] = "on", ["log_replication_commands"] = "on" } },
        network: "127.0.98");
    private PostgresTestNode _n1 = null!;
    private PostgresTestNode _n2 = null!;

    public async Task InitializeAsync()
    {
        // The leader is gone: n2 replays no more and its walreceiver retries in vain, as in a failover.
        (_n1, _n2) = await _cluster.ReplicaWithoutItsPrimaryAsync();
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task A_replica_without_its_leader_asks_its_replay_timeline_once_while_replay_stands_still()
    {
        LocalPostgres first = await _n2.Probe.ProbeAsync(CancellationToken.None);
        int asked = await CountInLogAsync(IdentifySystem());

        LocalPostgres second = await _n2.Probe.ProbeAsync(CancellationToken.None);
        LocalPostgres third = await _n2.Probe.ProbeAsync(CancellationToken.None);

        Assert.Equal(first.ReplayedLsn, third.ReplayedLsn);
        Assert.Equal(1, second.Timeline);
        Assert.Equal(1, third.Timeline);
        Assert.Equal(asked, await CountInLogAsync(IdentifySystem()));
    }

    [Fact]
    public async Task A_promotion_after_a_probe_logs_in_no_new_session()
    {
        Assert.True((await _n2.Probe.ProbeAsync(CancellationToken.None)).IsRunningReplica);
        int logins = await CountInLogAsync(ConnectionAuthorized());

        await _n2.Control.PromoteAsync([], CancellationToken.None);

        Assert.Equal(logins, await CountInLogAsync(ConnectionAuthorized()));
        Assert.True((await _n2.Probe.ProbeAsync(CancellationToken.None)).IsRunningPrimary);
    }

    [Fact]
    public async Task A_promotion_whose_kept_connection_was_terminated_promotes_on_a_new_one()
    {
        Assert.True((await _n2.Probe.ProbeAsync(CancellationToken.None)).IsRunningReplica);
        await _n2.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pgha' AND pid <> pg_backend_pid()");

        await _n2.Control.PromoteAsync([], CancellationToken.None);

        Assert.True((await _n2.Probe.ProbeAsync(CancellationToken.None)).IsRunningPrimary);
    }

    private async Task<int> CountInLogAsync(Regex line)
    {
        string log = await File.ReadAllTextAsync(_n2.Instance.LogFile);
        return line.Count(log);
    }

    [GeneratedRegex("received replication command: IDENTIFY_SYSTEM")]
    private static partial Regex IdentifySystem();

    [GeneratedRegex("connection authorized: user=postgres")]
    private static partial Regex ConnectionAuthorized();
}

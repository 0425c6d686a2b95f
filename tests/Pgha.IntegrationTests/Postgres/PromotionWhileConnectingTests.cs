using System.Net;
using System.Net.Sockets;
using Pgha.Agent;
using Pgha.Core.Config;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Postgres;

/// <summary>
/// A promotion whose request lands while the replica's walreceiver is still connecting (to an upstream at 127.0.98.3
/// that accepts TCP and never answers), with a wal_retrieve_retry_interval (60 s) that outlasts pg_ctl_timeout (20 s):
/// PostgreSQL 15 then gives up streaming and may sleep out the retry interval before it acts on the request. Here the
/// walreceiver's exit wakes it at once, so this passes with or without the reloads PostgresPromotion sends while it
/// waits; the bench's stall (the walreceiver gone before the request) was not reproduced on demand.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PromotionWhileConnectingTests : IAsyncLifetime
{
    private readonly PostgresTestCluster _cluster = new(
        new DynamicConfig { Parameters = new Dictionary<string, string> { ["wal_retrieve_retry_interval"] = "60s" } },
        network: "127.0.98")
    { PgCtlTimeout = TimeSpan.FromSeconds(20) };
    private readonly TcpListener _silent = new(IPAddress.Parse("127.0.98.3"), PostgresTestNode.Port);
    private readonly List<Socket> _held = [];
    private PostgresTestNode _n1 = null!;
    private PostgresTestNode _n2 = null!;

    public async Task InitializeAsync()
    {
        (_n1, _n2) = await _cluster.ReplicaWithoutItsPrimaryAsync();
        _silent.Start();
    }

    public async Task DisposeAsync()
    {
        foreach (Socket socket in _held)
        {
            socket.Dispose();
        }
        _silent.Stop();
        _silent.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_promote_request_that_lands_while_the_walreceiver_connects_does_not_wait_out_the_retry_interval()
    {
        // The failed stream from n1 started a retry wait; pointing n2 elsewhere (a reload) ends it and starts a
        // walreceiver towards the silent upstream, which the startup process then waits for.
        await _n2.Control.FollowAsync(new Upstream("silent", "127.0.98.3", PostgresTestNode.Port), CancellationToken.None);
        using var accepting = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _held.Add(await _silent.AcceptSocketAsync(accepting.Token));

        await _n2.Control.PromoteAsync([], CancellationToken.None);

        Assert.True((await _n2.Probe.ProbeAsync(CancellationToken.None)).IsRunningPrimary);
    }
}

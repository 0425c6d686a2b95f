using System.Net;
using System.Net.Sockets;
using Pgha.Agent;
using Pgha.Core.Dcs;
using Pgha.Etcd;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Etcd;

public sealed class EtcdEndpointFailureTests() : EtcdTestCluster(21)
{
    [Fact]
    public async Task Store_keeps_working_when_the_member_of_its_current_endpoint_is_stopped()
    {
        EtcdGatewayClient client = Client();
        var store = new EtcdClusterStore(client, Prefix);
        await store.PutAsync(DcsKeys.Initialize, "1", null, default);
        Assert.Equal(Etcd.ClientUrls[0], client.Endpoints.Current);

        await Etcd.StopMemberAsync(0);

        Assert.True(await store.PutAsync(DcsKeys.Config, "{}", null, default));
        Assert.Equal("1", (await store.ReadAsync(default)).Initialize);
        Assert.NotEqual(Etcd.ClientUrls[0], client.Endpoints.Current);
    }

    [Fact]
    public async Task A_call_its_caller_cuts_short_moves_the_client_to_the_next_endpoint()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // connections queue in its backlog and are never answered
        string silentUrl = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        using var client = new EtcdGatewayClient([silentUrl, Etcd.ClientUrls[1]], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        var store = new EtcdClusterStore(client, Prefix);

        using (var cut = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ReadAsync(cut.Token));
        }

        Assert.Equal(Etcd.ClientUrls[1], client.Endpoints.Current);
        using var hang = new CancellationTokenSource(Patience);
        await store.ReadAsync(hang.Token);
    }

    [Fact]
    public async Task Leader_lease_keeps_working_when_one_member_is_killed()
    {
        EtcdLeaderLease n1 = Lease("n1");
        Assert.True(await n1.TryAcquireAsync(default));

        await Etcd.KillMemberAsync(0);

        Assert.True(await n1.RefreshAsync(default));
    }

    [Fact]
    public async Task All_endpoints_down_gives_DcsUnavailableException_naming_the_endpoints()
    {
        EtcdClusterStore store = new(Client(retryBudget: TimeSpan.FromSeconds(3)), Prefix);
        for (int i = 0; i < Etcd.Count; i++)
        {
            await Etcd.KillMemberAsync(i);
        }
        using var hang = new CancellationTokenSource(Patience);

        var e = await Assert.ThrowsAsync<DcsUnavailableException>(() => store.ReadAsync(hang.Token));

        Assert.All(Etcd.ClientUrls, url => Assert.Contains(url, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_watch_survives_the_loss_of_its_member_and_still_sees_the_next_change()
    {
        EtcdClusterStore store = Store();
        long revision = (await store.ReadAsync(default)).Revision;
        using var hang = new CancellationTokenSource(Patience);
        Task wait = store.FirstChangeAsync(revision, hang.Token);

        await Etcd.StopMemberAsync(0);
        await Store().PutAsync(DcsKeys.Leader, "n2", null, default);

        await wait;
    }

    [Fact]
    public async Task A_restarted_member_serves_writes_made_while_it_was_down()
    {
        await Etcd.KillMemberAsync(0);
        await Store().PutAsync(DcsKeys.Leader, "n3", null, default);

        await Etcd.StartMemberAsync(0);

        using var onlyFirst = new EtcdGatewayClient([Etcd.ClientUrls[0]]);
        Assert.Equal("n3", (await new EtcdClusterStore(onlyFirst, Prefix).ReadAsync(default)).Leader?.Name);
    }
}

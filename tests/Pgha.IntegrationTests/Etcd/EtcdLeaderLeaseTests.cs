using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Pgha.Core.Cluster;
using Pgha.Etcd;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Etcd;

public sealed class EtcdLeaderLeaseTests() : EtcdTestCluster(1)
{
    private const string MemberJson = """{"conn_url":"postgres://127.0.61.201:5432/postgres","api_url":"http://127.0.61.201:8008/patroni","state":"running","role":"replica","version":"3.0.2"}""";

    [Fact]
    public async Task Leader_key_is_acquired_by_exactly_one_of_two_competing_leases()
    {
        EtcdLeaderLease n1 = Lease("n1"), n2 = Lease("n2");
        bool[] won = await Task.WhenAll(n1.TryAcquireAsync(default), n2.TryAcquireAsync(default));

        Assert.Single(won, w => w);
        ClusterView view = await Store().ReadAsync(default);
        string winner = won[0] ? "n1" : "n2";
        Assert.Equal(winner, view.Leader?.Name);
        Assert.Equal((won[0] ? n1 : n2).LeaseId, view.Leader?.LeaseId);
    }

    [Fact]
    public async Task Refresh_keeps_the_leader_key_of_its_holder_and_fails_for_others()
    {
        EtcdLeaderLease n1 = Lease("n1"), n2 = Lease("n2");
        Assert.True(await n1.TryAcquireAsync(default));

        Assert.True(await n1.RefreshAsync(default));
        Assert.False(await n2.RefreshAsync(default));
        Assert.False(await n2.TryAcquireAsync(default));
        Assert.Equal("n1", (await Store().ReadAsync(default)).Leader?.Name);
    }

    [Fact]
    public async Task Release_deletes_the_leader_key_only_when_it_is_ours()
    {
        EtcdLeaderLease n1 = Lease("n1"), n2 = Lease("n2");
        Assert.True(await n1.TryAcquireAsync(default));

        await n2.ReleaseAsync(default);
        Assert.Equal("n1", (await Store().ReadAsync(default)).Leader?.Name);

        await n1.ReleaseAsync(default);
        Assert.Null((await Store().ReadAsync(default)).Leader);
        Assert.True(await n2.TryAcquireAsync(default));
    }

    [Fact]
    public async Task Lease_expiry_deletes_the_leader_and_member_keys()
    {
        EtcdLeaderLease n1 = Lease("n1", ttl: 3);
        await n1.PublishMemberAsync(MemberJson, keyMissing: false, default);
        Assert.True(await n1.TryAcquireAsync(default));
        EtcdClusterStore store = Store();
        Assert.NotNull((await store.ReadAsync(default)).FindMember("n1"));

        // No more keep-alives from n1: etcd must drop both keys once the 3 s TTL runs out.
        await Wait.UntilAsync(async () =>
        {
            ClusterView view = await store.ReadAsync(default);
            return view.Leader is null && view.Members.Count == 0;
        }, Patience, "the expired lease took the leader and member keys with it");
    }

    [Fact]
    public async Task Refresh_after_lease_expiry_reports_the_loss_and_republishes_the_member_on_a_new_lease()
    {
        EtcdLeaderLease n1 = Lease("n1", ttl: 2);
        await n1.PublishMemberAsync(MemberJson, keyMissing: false, default);
        Assert.True(await n1.TryAcquireAsync(default));
        long firstLease = n1.LeaseId;
        EtcdClusterStore store = Store();
        await Wait.UntilAsync(async () => (await store.ReadAsync(default)).Leader is null, Patience, "the lease expired");

        Assert.False(await n1.RefreshAsync(default));

        ClusterView view = await store.ReadAsync(default);
        Assert.NotEqual(firstLease, n1.LeaseId);
        Assert.Equal(MemberJson, Core.Dcs.MemberJson.Serialize(view.FindMember("n1")!));
    }

    [Fact]
    public async Task Revoke_removes_the_member_key_at_once()
    {
        EtcdLeaderLease n1 = Lease("n1", ttl: 60);
        await n1.PublishMemberAsync(MemberJson, keyMissing: false, default);
        Assert.True(await n1.TryAcquireAsync(default));

        await n1.RevokeAsync(default);

        ClusterView view = await Store().ReadAsync(default);
        Assert.Null(view.Leader);
        Assert.Null(view.FindMember("n1"));
        Assert.Equal(0, n1.LeaseId);
    }

    [Fact]
    public async Task A_member_without_the_leader_key_renews_its_lease_every_second_cycle_at_the_tutorial_settings()
    {
        var clock = new FakeTimeProvider();
        EtcdGatewayClient client = Client();
        var n1 = new EtcdLeaderLease(client, Prefix, "n1", () => 30, clock: clock, cycle: () => (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)));
        await n1.PublishMemberAsync(MemberJson, keyMissing: false, default);
        await Wait.UntilAsync(async () => await RemainingTtlAsync(client, n1.LeaseId) <= 28, Patience, "the lease's ttl ran down by 2 s");

        clock.Advance(TimeSpan.FromSeconds(10));
        await n1.PublishMemberAsync(MemberJson, keyMissing: false, default);
        Assert.True(await RemainingTtlAsync(client, n1.LeaseId) <= 28, "the first cycle after a renewal sent no keep-alive");

        clock.Advance(TimeSpan.FromSeconds(10));
        await n1.PublishMemberAsync(MemberJson, keyMissing: false, default);
        Assert.True(await RemainingTtlAsync(client, n1.LeaseId) >= 29, "the second cycle after a renewal kept the lease alive");
    }

    [Fact]
    public async Task A_changed_member_on_a_lease_that_expired_between_renewals_is_written_on_a_new_lease()
    {
        var n1 = new EtcdLeaderLease(Client(), Prefix, "n1", () => 2, clock: new FakeTimeProvider());
        await n1.PublishMemberAsync(MemberJson, keyMissing: false, default);
        long firstLease = n1.LeaseId;
        EtcdClusterStore store = Store();
        await Wait.UntilAsync(async () => (await store.ReadAsync(default)).FindMember("n1") is null, Patience, "the lease expired");

        string changed = MemberJson.Replace("\"running\"", "\"starting\"", StringComparison.Ordinal);
        await n1.PublishMemberAsync(changed, keyMissing: false, default);

        Assert.NotEqual(firstLease, n1.LeaseId);
        Assert.Equal(changed, Core.Dcs.MemberJson.Serialize((await store.ReadAsync(default)).FindMember("n1")!));
    }

    private static async Task<long> RemainingTtlAsync(EtcdGatewayClient client, long leaseId)
    {
        JsonNode reply = await client.CallAsync("/v3/lease/timetolive", new JsonObject { ["ID"] = leaseId.ToString(CultureInfo.InvariantCulture) }, default);
        return long.Parse(reply["TTL"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }
}

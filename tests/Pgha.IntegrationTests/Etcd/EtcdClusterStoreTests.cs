using Pgha.Agent;
using Pgha.Core.Cluster;
using Pgha.Core.Dcs;
using Pgha.Etcd;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Etcd;

public sealed class EtcdClusterStoreTests() : EtcdTestCluster(11)
{
    [Fact]
    public async Task A_cluster_view_written_by_our_codec_is_read_back_identically()
    {
        EtcdClusterStore store = Store();
        Member n1 = FakeCluster.Member("n1", MemberRole.Primary, "running");
        Member n2 = FakeCluster.Member("n2", MemberRole.Replica, "streaming") with
        {
            Tags = new MemberTags { NoFailover = true, Custom = new Dictionary<string, string> { ["dc"] = "east" } },
        };
        var failover = new FailoverKey("n1", "n2", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        HistoryEntry[] history = [new(1, 25165984, "no recovery target specified", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "n1")];
        await FakeCluster.WriteAsync(store, n1, n2);
        await store.PutAsync(DcsKeys.Failover, FailoverJson.Serialize(failover), null, default);
        await store.PutAsync(DcsKeys.Sync, SyncJson.Serialize("n1", ["n2"]), null, default);
        await store.PutAsync(DcsKeys.History, HistoryJson.Serialize(history), null, default);
        await store.PutAsync(DcsKeys.Status, StatusJson.Serialize(50331808), null, default);

        ClusterView view = await store.ReadAsync(default);

        Assert.Equal(FakeCluster.SystemId, view.Initialize);
        Assert.Equal(FakeCluster.ConfigJson, view.ConfigJson);
        Assert.Equal("n1", view.Leader?.Name);
        Assert.Equal([MemberJson.Serialize(n1), MemberJson.Serialize(n2)], view.Members.Select(MemberJson.Serialize));
        Assert.Equal("east", view.FindMember("n2")?.Tags.Custom["dc"]);
        Assert.Equal(failover, view.Failover);
        Assert.Equal(["n2"], view.Sync?.SyncStandbys);
        Assert.Equal(history, view.History);
        Assert.Equal(50331808, view.LastLsn);
        Assert.True(view.Revision > 0);
    }

    [Fact]
    public async Task CreateIfAbsent_creates_once_and_then_reports_the_key_exists()
    {
        EtcdClusterStore store = Store();
        Assert.True(await store.CreateIfAbsentAsync(DcsKeys.Initialize, "", default));
        Assert.False(await store.CreateIfAbsentAsync(DcsKeys.Initialize, "123", default));
        Assert.Equal("", (await store.ReadAsync(default)).Initialize);
    }

    [Fact]
    public async Task Put_with_an_expected_revision_succeeds_only_if_the_key_is_unchanged()
    {
        EtcdClusterStore store = Store();
        await store.PutAsync(DcsKeys.Config, "{\"ttl\":30}", null, default);
        long revision = (await store.ReadAsync(default)).ConfigModRevision;

        Assert.True(await store.PutAsync(DcsKeys.Config, "{\"ttl\":20}", revision, default));
        Assert.False(await store.PutAsync(DcsKeys.Config, "{\"ttl\":10}", revision, default));
        Assert.Equal("{\"ttl\":20}", (await store.ReadAsync(default)).ConfigJson);
    }

    [Fact]
    public async Task Delete_with_an_expected_revision_succeeds_only_if_the_key_is_unchanged()
    {
        EtcdClusterStore store = Store();
        await store.PutAsync(DcsKeys.Config, "{}", null, default);
        long revision = (await store.ReadAsync(default)).ConfigModRevision;

        Assert.False(await store.DeleteAsync(DcsKeys.Config, revision - 1, default));
        Assert.NotNull((await store.ReadAsync(default)).ConfigJson);
        Assert.True(await store.DeleteAsync(DcsKeys.Config, revision, default));
        Assert.Null((await store.ReadAsync(default)).ConfigJson);
    }

    [Fact]
    public async Task WaitForChange_wakes_when_the_leader_key_is_deleted()
    {
        EtcdClusterStore store = Store();
        EtcdLeaderLease n1 = Lease("n1");
        Assert.True(await n1.TryAcquireAsync(default));
        ClusterView before = await store.ReadAsync(default);
        using var hang = new CancellationTokenSource(Patience);

        Task wait = store.FirstChangeAsync(before.Revision, hang.Token);
        Assert.False(wait.IsCompleted, "nothing changed yet, the watch must still be waiting");
        await n1.ReleaseAsync(default);
        DcsChange change = await (Task<DcsChange>)wait;
        Assert.Equal("leader", change.Key);
        Assert.Null(change.Value);

        Assert.Null((await store.ReadAsync(default)).Leader);
    }

    [Fact]
    public async Task WaitForChange_completes_at_once_for_a_change_already_made_after_the_revision()
    {
        EtcdClusterStore store = Store();
        long revision = (await store.ReadAsync(default)).Revision;
        await store.PutAsync(DcsKeys.Leader, "n9", null, default);
        using var hang = new CancellationTokenSource(Patience);

        await store.FirstChangeAsync(revision, hang.Token);
    }

    [Fact]
    public async Task WaitForChange_ends_with_cancellation_when_nothing_changes()
    {
        EtcdClusterStore store = Store();
        long revision = (await store.ReadAsync(default)).Revision;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.FirstChangeAsync(revision, cancel.Token));
    }
}

using Pgha.Agent;
using Pgha.Core.Dcs;
using Pgha.Etcd;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Etcd;

/// <summary>The watch-fed cluster cache and the member key that is only rewritten when it changed (127.0.88.1-3).</summary>
public sealed class EtcdClusterCacheTests : IAsyncLifetime
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);
    private const string MemberJson = """{"conn_url":"postgres://127.0.88.201:5432/postgres","api_url":"http://127.0.88.201:8008/patroni","state":"running","role":"replica","version":"3.0.2"}""";

    private readonly EtcdCluster _etcd = new(["127.0.88.1", "127.0.88.2", "127.0.88.3"]);
    private readonly List<EtcdGatewayClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _prefix = $"/service/c{Guid.NewGuid().ToString("N")[..8]}/";

    public Task InitializeAsync() => _etcd.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _clients.ForEach(c => c.Dispose());
        await _etcd.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task Cached_reads_follow_changes_made_by_another_client()
    {
        (EtcdClusterCache cache, _) = StartWatchedCache();
        EtcdClusterStore other = new(Client(), _prefix);

        await other.PutAsync(DcsKeys.Leader, "n2", null, default);
        await Wait.UntilAsync(async () => (await cache.ReadAsync(default)).Leader?.Name == "n2", s_patience, "the cache saw the new leader key");
        await other.DeleteAsync(DcsKeys.Leader, null, default);

        await Wait.UntilAsync(async () => (await cache.ReadAsync(default)).Leader is null, s_patience, "the cache saw the deletion");
        Assert.Equal((await other.ReadAsync(default)).Leader, (await cache.ReadAsync(default)).Leader);
    }

    [Fact]
    public async Task A_read_right_after_our_own_write_sees_that_write()
    {
        (EtcdClusterCache cache, _) = StartWatchedCache();
        await Wait.UntilAsync(async () => (await cache.ReadAsync(default)).Revision > 0, s_patience, "the cache is loaded");

        for (int i = 0; i < 20; i++)
        {
            string value = $"{{\"optime\":{i}}}";
            await cache.PutAsync(DcsKeys.Status, value, null, default);
            Assert.Equal(i, (await cache.ReadAsync(default)).LastLsn);
        }
    }

    [Fact]
    public async Task Unchanged_member_content_is_not_rewritten_but_the_lease_stays_alive()
    {
        var lease = new EtcdLeaderLease(Client(), _prefix, "n1", () => 6);
        EtcdClusterStore store = new(Client(), _prefix);
        await lease.PublishMemberAsync(MemberJson, keyMissing: false, default);
        long written = await MemberRevisionAsync(store);
        long leaseId = lease.LeaseId;

        // Eight seconds of cycles on a 6 s lease: only the keep-alives keep the key. A keep-alive is sent once half the
        // ttl is gone, so the lease survives a stall of up to 2.5 s on a loaded machine (a 2 s lease once did not).
        for (int i = 0; i < 16; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await lease.PublishMemberAsync(MemberJson, keyMissing: false, default);
        }

        Assert.Equal(leaseId, lease.LeaseId);
        Assert.Equal(written, await MemberRevisionAsync(store));
        await lease.PublishMemberAsync(MemberJson, keyMissing: true, default);
        Assert.True(await MemberRevisionAsync(store) > written);
    }

    private static async Task<long> MemberRevisionAsync(EtcdClusterStore store)
    {
        (IReadOnlyList<DcsKeyValue> keys, _) = await store.RangeAsync(default);
        return keys.Single(k => k.Key == store.Prefix + DcsKeys.Member("n1")).ModRevision;
    }

    private (EtcdClusterCache Cache, Task Watch) StartWatchedCache()
    {
        var cache = new EtcdClusterCache(new EtcdClusterStore(Client(), _prefix), () => TimeSpan.FromMinutes(5), TimeProvider.System);
        var watch = new LeaderWatch(cache, new AsyncSignal(), Microsoft.Extensions.Logging.Abstractions.NullLogger<LeaderWatch>.Instance);
        return (cache, watch.RunAsync(_stop.Token));
    }

    private EtcdGatewayClient Client()
    {
        var client = new EtcdGatewayClient(_etcd.ClientUrls, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        _clients.Add(client);
        return client;
    }
}

using Pgha.Etcd;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Etcd;

/// <summary>
/// A fresh 3-member etcd per test on 127.0.61.&lt;first&gt;..&lt;first+2&gt;. Each test class gets its own addresses, so
/// classes can run in parallel while the tests of one class run one after another.
/// </summary>
public abstract class EtcdTestCluster(int firstOctet, params string[] etcdArgs) : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<EtcdGatewayClient> _clients = [];

    protected EtcdCluster Etcd { get; } = new([$"127.0.61.{firstOctet}", $"127.0.61.{firstOctet + 1}", $"127.0.61.{firstOctet + 2}"], extraArgs: etcdArgs);

    /// <summary>A cluster prefix unique to this test.</summary>
    protected string Prefix { get; } = $"/service/t{Guid.NewGuid().ToString("N")[..8]}/";

    public virtual Task InitializeAsync() => Etcd.StartAsync();

    public async Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await Etcd.DisposeAsync();
    }

    protected EtcdGatewayClient Client(TimeSpan? retryBudget = null, string? username = null, string? password = null)
    {
        var client = new EtcdGatewayClient(Etcd.ClientUrls, TimeSpan.FromSeconds(2), retryBudget ?? TimeSpan.FromSeconds(10), username, password);
        _clients.Add(client);
        return client;
    }

    protected EtcdClusterStore Store() => new(Client(), Prefix);

    protected EtcdLeaderLease Lease(string name, int ttl = 10) => new(Client(), Prefix, name, () => ttl);
}

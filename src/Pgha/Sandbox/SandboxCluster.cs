using Pgha.Core.Cluster;
using Pgha.Core.Dcs;
using Pgha.Etcd;

namespace Pgha.Sandbox;

/// <summary>Reads the sandbox cluster's keys from its etcd members.</summary>
public static class SandboxCluster
{
    public static Func<CancellationToken, Task<ClusterView>> Reader(SandboxLayout layout)
    {
        _ = layout;
        IEnumerable<string> urls = SandboxLayout.Hosts.Select(h => $"http://{h.Address}:2379");
        return async ct =>
        {
            using var client = new EtcdGatewayClient(urls, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
            return await new EtcdClusterStore(client, DcsKeys.Prefix(SandboxLayout.Namespace, SandboxLayout.Scope)).ReadAsync(ct);
        };
    }
}

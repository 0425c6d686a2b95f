using Pgha.Agent;
using Pgha.Cli;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Core.Dcs;
using Pgha.Etcd;

namespace Pgha.Operations;

/// <summary>The CLI's connection to one cluster: its keys in etcd and its members' REST APIs.</summary>
public sealed class ClusterSession : IDisposable
{
    private readonly EtcdGatewayClient _etcd;

    public ClusterSession(CtlTarget target)
    {
        Target = target;
        _etcd = new EtcdGatewayClient(target.EtcdUrls, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), target.EtcdUsername, target.EtcdPassword);
        Store = new EtcdClusterStore(_etcd, DcsKeys.Prefix(target.Namespace, target.Scope));
        Api = new MemberApi(target.ApiUsername, target.ApiPassword);
    }

    public CtlTarget Target { get; }
    public EtcdClusterStore Store { get; }
    public MemberApi Api { get; }

    /// <summary>The cluster's keys; etcd down is one clear line and exit code 4.</summary>
    public async Task<ClusterView> ReadAsync(CancellationToken ct)
    {
        try
        {
            return await Store.ReadAsync(ct);
        }
        catch (DcsUnavailableException e)
        {
            throw new PghaException($"etcd {string.Join(",", Target.EtcdUrls)}: {e.Message}; check that etcd runs or pass --dcs-url", ExitCodes.Unavailable);
        }
    }

    /// <summary>Like <see cref="ReadAsync"/>, but refuses a cluster that has no keys at all.</summary>
    public async Task<ClusterView> ReadExistingAsync(CancellationToken ct)
    {
        ClusterView view = await ReadAsync(ct);
        if (view.Initialize is null && view.Members.Count == 0 && view.ConfigJson is null)
        {
            throw new PghaException($"cluster {Target.Scope}: not found under {Store.Prefix} in etcd; check the cluster name and namespace", ExitCodes.Failure);
        }
        return view;
    }

    /// <summary>Deletes every key of the cluster (patronictl remove).</summary>
    public async Task RemoveAllAsync(CancellationToken ct)
    {
        var range = new System.Text.Json.Nodes.JsonObject { ["key"] = EtcdJson.B64(Store.Prefix), ["range_end"] = EtcdJson.PrefixEndB64(Store.Prefix) };
        await _etcd.CallAsync("/v3/kv/deleterange", range, ct);
    }

    public void Dispose()
    {
        _etcd.Dispose();
        Api.Dispose();
    }
}

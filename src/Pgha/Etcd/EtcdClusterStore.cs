using System.Text.Json.Nodes;
using Pgha.Agent;
using Pgha.Core.Cluster;
using Pgha.Core.Dcs;

namespace Pgha.Etcd;

/// <summary><see cref="IClusterStore"/> on etcd v3 through the JSON gateway, with Patroni's key layout under one prefix.</summary>
public sealed class EtcdClusterStore(EtcdGatewayClient client, string prefix) : IClusterStore
{
    public string Prefix { get; } = prefix;

    public async Task<ClusterView> ReadAsync(CancellationToken ct)
    {
        (IReadOnlyList<DcsKeyValue> keys, long revision) = await RangeAsync(ct);
        return ClusterViewParser.Parse(Prefix, keys, revision);
    }

    /// <summary>Every key under the prefix (full keys) and the revision of the read.</summary>
    internal async Task<(IReadOnlyList<DcsKeyValue> Keys, long Revision)> RangeAsync(CancellationToken ct)
    {
        // Linearizable (serializable=false): a member cut off from its peers must not serve a stale leader key.
        var range = new JsonObject { ["key"] = EtcdJson.B64(Prefix), ["range_end"] = EtcdJson.PrefixEndB64(Prefix) };
        JsonNode reply = await client.CallAsync("/v3/kv/range", range, ct);
        return (EtcdJson.KeyValues(reply), EtcdJson.Revision(reply));
    }

    public async Task<bool> CreateIfAbsentAsync(string key, string value, CancellationToken ct)
    {
        string full = Prefix + key;
        JsonObject txn = EtcdJson.Txn(EtcdJson.CompareCreate(full), new JsonObject { ["request_put"] = EtcdJson.Put(full, value, 0) });
        return EtcdJson.Succeeded(await client.CallAsync("/v3/kv/txn", txn, ct));
    }

    public async Task<bool> PutAsync(string key, string value, long? expectedModRevision, CancellationToken ct)
    {
        string full = Prefix + key;
        JsonObject put = EtcdJson.Put(full, value, 0);
        if (expectedModRevision is not long revision)
        {
            await client.CallAsync("/v3/kv/put", put, ct);
            return true;
        }
        JsonObject txn = EtcdJson.Txn(EtcdJson.CompareMod(full, revision), new JsonObject { ["request_put"] = put });
        return EtcdJson.Succeeded(await client.CallAsync("/v3/kv/txn", txn, ct));
    }

    /// <summary>Unconditional deletes always return true; with a revision, false means the key changed since.</summary>
    public async Task<bool> DeleteAsync(string key, long? expectedModRevision, CancellationToken ct)
    {
        string full = Prefix + key;
        var delete = new JsonObject { ["key"] = EtcdJson.B64(full) };
        if (expectedModRevision is not long revision)
        {
            await client.CallAsync("/v3/kv/deleterange", delete, ct);
            return true;
        }
        JsonObject txn = EtcdJson.Txn(EtcdJson.CompareMod(full, revision), new JsonObject { ["request_delete_range"] = delete });
        return EtcdJson.Succeeded(await client.CallAsync("/v3/kv/txn", txn, ct));
    }

    public IAsyncEnumerable<DcsChange> WatchAsync(long afterRevision, CancellationToken ct) =>
        new EtcdPrefixWatch(client, Prefix).WatchAsync(afterRevision + 1, ct);

    /// <summary>As <see cref="WatchAsync(long, CancellationToken)"/>, telling <paramref name="streamState"/> when a stream opens (its endpoint) or breaks (null).</summary>
    internal IAsyncEnumerable<DcsChange> WatchAsync(long afterRevision, Action<string?> streamState, CancellationToken ct) =>
        new EtcdPrefixWatch(client, Prefix, streamState).WatchAsync(afterRevision + 1, ct);

    internal EtcdGatewayClient Client => client;
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace Pgha.Etcd;

/// <summary>Lease grant, single keep-alive and revoke over the gateway.</summary>
internal static class EtcdLeases
{
    public static async Task<long> GrantAsync(EtcdGatewayClient client, int ttlSeconds, CancellationToken ct)
    {
        JsonNode reply = await client.CallAsync("/v3/lease/grant", new JsonObject { ["TTL"] = ttlSeconds.ToString(CultureInfo.InvariantCulture) }, ct);
        long id = EtcdJson.Int64(reply["ID"]);
        return id != 0 ? id : throw new EtcdRpcException(EtcdErrors.Unknown, $"lease grant returned no ID: {reply.ToJsonString()}", client.Endpoints.Current);
    }

    /// <summary>One keep-alive; the reply's TTL is absent (zero) when the lease no longer exists.</summary>
    /// <exception cref="LeaseLostException">The lease expired or was revoked.</exception>
    public static async Task<long> KeepAliveAsync(EtcdGatewayClient client, long leaseId, CancellationToken ct)
    {
        JsonNode reply;
        try
        {
            reply = await client.CallAsync("/v3/lease/keepalive", new JsonObject { ["ID"] = leaseId.ToString(CultureInfo.InvariantCulture) }, ct);
        }
        catch (EtcdRpcException e) when (EtcdErrors.IsLeaseNotFound(e))
        {
            throw EtcdErrors.LeaseLost(leaseId, e);
        }
        long ttl = EtcdJson.Int64(reply["result"]?["TTL"]);
        return ttl > 0 ? ttl : throw EtcdErrors.LeaseLost(leaseId);
    }

    /// <summary>Revokes the lease, deleting every key on it; false when it had already expired or been revoked.</summary>
    public static async Task<bool> RevokeAsync(EtcdGatewayClient client, long leaseId, CancellationToken ct)
    {
        try
        {
            await client.CallAsync("/v3/lease/revoke", new JsonObject { ["ID"] = leaseId.ToString(CultureInfo.InvariantCulture) }, ct);
            return true;
        }
        catch (EtcdRpcException e) when (EtcdErrors.IsLeaseNotFound(e))
        {
            return false;
        }
    }
}

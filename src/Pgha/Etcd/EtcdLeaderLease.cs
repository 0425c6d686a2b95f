using System.Globalization;
using System.Text.Json.Nodes;
using Pgha.Agent;
using Pgha.Core.Dcs;

namespace Pgha.Etcd;

/// <summary>
/// This agent's one etcd lease (TTL from <paramref name="ttlSeconds"/>), the <c>leader</c> key bound to it, and the
/// <c>members/&lt;name&gt;</c> key on the same lease, so a dead agent's keys vanish together as in Patroni.
/// </summary>
/// <param name="cache">
/// When given, a refresh whose keep-alive succeeded skips the compare-and-put while the watch-fed cache shows the leader
/// key naming us on this very lease (Patroni 3.0.2 refreshes the same way): the key lives as long as the lease, and
/// only an explicit delete could remove it, which the watch reports. Anything else falls back to the transaction.
/// </param>
/// <param name="clock">When the lease was last kept alive: a member that does not hold the leader key renews it only
/// when <see cref="MemberLeaseRenewal"/> says so, not every cycle.</param>
/// <param name="cycle">loop_wait and retry_timeout for that rule; without them it renews once half the ttl is gone.</param>
public sealed class EtcdLeaderLease(
    EtcdGatewayClient client, string prefix, string name, Func<int> ttlSeconds, EtcdClusterCache? cache = null, TimeProvider? clock = null,
    Func<(TimeSpan LoopWait, TimeSpan RetryTimeout)>? cycle = null) : ILeaderLease
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly string _leaderKey = prefix + DcsKeys.Leader;
    private readonly string _memberKey = prefix + DcsKeys.Member(name);
    private long _leaseId;
    private int _grantedTtl;
    private string? _memberJson;
    private string? _writtenMemberJson;
    private long _writtenOnLease;
    private long _renewedAt;

    /// <summary>The lease currently held (0: none yet, or revoked).</summary>
    public long LeaseId => Volatile.Read(ref _leaseId);

    /// <summary>Who held the leader key when our last <see cref="TryAcquireAsync"/> lost (read in the same transaction).</summary>
    public string? LastHolder { get; private set; }

    public Task<bool> TryAcquireAsync(CancellationToken ct) => UnderLockAsync(async () =>
    {
        await KeepAliveAsync(ct);
        JsonObject txn = EtcdJson.Txn(EtcdJson.CompareCreate(_leaderKey),
            new JsonObject { ["request_put"] = EtcdJson.Put(_leaderKey, name, _leaseId) },
            new JsonObject { ["request_range"] = new JsonObject { ["key"] = EtcdJson.B64(_leaderKey) } });
        JsonNode reply = await WithLeaseRetryAsync(() => client.CallAsync("/v3/kv/txn", txn, ct), txn, ct);
        bool won = EtcdJson.Succeeded(reply);
        LastHolder = won ? name : EtcdJson.KeyValues(reply["responses"]?[0]?["response_range"]).FirstOrDefault()?.Value;
        return won;
    }, ct);

    public Task<bool> RefreshAsync(CancellationToken ct) => UnderLockAsync(async () =>
    {
        await KeepAliveAsync(ct);
        if (cache?.ShowsLeader(name, _leaseId) == true)
        {
            return true;
        }
        // Rewriting with our lease also repairs a key that names us but sits on another (older) lease of ours.
        JsonObject txn = EtcdJson.Txn(EtcdJson.CompareValue(_leaderKey, name),
            new JsonObject { ["request_put"] = EtcdJson.Put(_leaderKey, name, _leaseId) });
        JsonNode reply = await WithLeaseRetryAsync(() => client.CallAsync("/v3/kv/txn", txn, ct), txn, ct);
        return EtcdJson.Succeeded(reply);
    }, ct);

    public Task ReleaseAsync(CancellationToken ct) => UnderLockAsync(async () =>
    {
        JsonObject txn = EtcdJson.Txn(EtcdJson.CompareValue(_leaderKey, name),
            new JsonObject { ["request_delete_range"] = new JsonObject { ["key"] = EtcdJson.B64(_leaderKey) } });
        return EtcdJson.Succeeded(await client.CallAsync("/v3/kv/txn", txn, ct));
    }, ct);

    public Task PublishMemberAsync(string memberJson, bool keyMissing, CancellationToken ct) => UnderLockAsync(async () =>
    {
        _memberJson = memberJson;
        // A leader's refresh of this cycle has just kept the lease alive; a replica's need not be kept alive each cycle.
        if (keyMissing || !RenewedRecently())
        {
            await KeepAliveAsync(ct);
        }
        if (keyMissing || _memberJson != _writtenMemberJson || _writtenOnLease != _leaseId)
        {
            try
            {
                await PutMemberAsync(ct);
            }
            catch (EtcdRpcException e) when (EtcdErrors.IsLeaseNotFound(e))
            {
                _grantedTtl = 0; // expired since its last renewal: a fresh lease, and the put again on it
                await KeepAliveAsync(ct);
            }
        }
        return true;
    }, ct);

    /// <summary>Revokes the lease for a clean shutdown: our member key (and leader key, if held) disappear at once.</summary>
    public Task RevokeAsync(CancellationToken ct) => UnderLockAsync(async () =>
    {
        if (_leaseId != 0)
        {
            // false: already expired, so the keys are gone, which is what revoking wanted.
            await EtcdLeases.RevokeAsync(client, _leaseId, ct);
            Volatile.Write(ref _leaseId, 0);
        }
        return true;
    }, ct);

    /// <summary>Keeps the lease alive; grants a new one (and re-puts our member key) when it is lost or the TTL changed.</summary>
    private async Task KeepAliveAsync(CancellationToken ct)
    {
        int ttl = Math.Max(1, ttlSeconds());
        if (_leaseId != 0 && ttl == _grantedTtl)
        {
            try
            {
                await EtcdLeases.KeepAliveAsync(client, _leaseId, ct);
                _renewedAt = _clock.GetTimestamp();
                return;
            }
            catch (LeaseLostException)
            {
                // Fall through: a fresh lease, and our member key must be written again on it.
            }
        }
        Volatile.Write(ref _leaseId, await EtcdLeases.GrantAsync(client, ttl, ct));
        _grantedTtl = ttl;
        _renewedAt = _clock.GetTimestamp();
        await PutMemberAsync(ct);
    }

    private bool RenewedRecently()
    {
        int ttl = Math.Max(1, ttlSeconds());
        (TimeSpan loopWait, TimeSpan retryTimeout) = cycle?.Invoke() ?? (TimeSpan.Zero, TimeSpan.Zero);
        return _leaseId != 0 && ttl == _grantedTtl
            && !MemberLeaseRenewal.IsDue(_clock.GetElapsedTime(_renewedAt), TimeSpan.FromSeconds(ttl), loopWait, retryTimeout);
    }

    private async Task PutMemberAsync(CancellationToken ct)
    {
        if (_memberJson is not null)
        {
            // Forget what was written until the put is acknowledged: a failed put must be retried next cycle.
            _writtenMemberJson = null;
            await client.CallAsync("/v3/kv/put", EtcdJson.Put(_memberKey, _memberJson, _leaseId), ct);
            (_writtenMemberJson, _writtenOnLease) = (_memberJson, _leaseId);
        }
    }

    /// <summary>The lease may expire between keep-alive and write: then grant a new one and try the write once more.</summary>
    private async Task<JsonNode> WithLeaseRetryAsync(Func<Task<JsonNode>> call, JsonObject txn, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (EtcdRpcException e) when (EtcdErrors.IsLeaseNotFound(e))
        {
            _grantedTtl = 0;
            await KeepAliveAsync(ct);
            txn["success"]![0]!["request_put"]!["lease"] = _leaseId.ToString(CultureInfo.InvariantCulture);
            return await call();
        }
    }

    private async Task<T> UnderLockAsync<T>(Func<Task<T>> action, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            return await action();
        }
        finally
        {
            _lock.Release();
        }
    }
}

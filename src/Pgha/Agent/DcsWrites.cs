using Pgha.Core.Cluster;
using Pgha.Core.Config;
using Pgha.Core.Dcs;

namespace Pgha.Agent;

/// <summary>The agent's writes to the cluster keys other than the leader and member keys.</summary>
public sealed class DcsWrites(IClusterStore store, ClusterSettings settings, TimeProvider clock)
{
    /// <summary>Bootstrap race: only one member creates <c>initialize</c>; it then runs initdb.</summary>
    public Task<bool> ClaimInitializeAsync(CancellationToken ct) =>
        store.CreateIfAbsentAsync(DcsKeys.Initialize, "", ct);

    /// <summary>After initdb: the system identifier, and bootstrap.dcs as the cluster's dynamic config.</summary>
    public async Task PublishInitializeAsync(string systemIdentifier, CancellationToken ct)
    {
        await store.PutAsync(DcsKeys.Initialize, systemIdentifier, null, ct);
        await store.CreateIfAbsentAsync(DcsKeys.Config, DynamicConfigJson.Serialize(settings.Dynamic), ct);
    }

    public Task AbandonInitializeAsync(CancellationToken ct) =>
        store.DeleteAsync(DcsKeys.Initialize, null, ct);

    /// <summary>Patroni clears a request by writing an empty object, never by deleting the key.</summary>
    public Task ClearFailoverAsync(CancellationToken ct) =>
        store.PutAsync(DcsKeys.Failover, "{}", null, ct);

    /// <summary>The <c>sync</c> key, compare-and-set on its revision (null: unconditional); false when someone changed it since.</summary>
    public Task<bool> WriteSyncAsync(string leader, string? syncStandby, long? expectedRevision, CancellationToken ct) =>
        store.PutAsync(DcsKeys.Sync, SyncJson.Serialize(leader, (syncStandby ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)), expectedRevision, ct);

    /// <summary>Synchronous mode turned off: the key goes, if nobody changed it since we read it.</summary>
    public Task<bool> DeleteSyncAsync(long expectedRevision, CancellationToken ct) =>
        store.DeleteAsync(DcsKeys.Sync, expectedRevision, ct);

    /// <summary>The leader's WAL position, which replicas compare against maximum_lag_on_failover.</summary>
    public async Task PublishOptimeAsync(long walPosition, long published, CancellationToken ct)
    {
        if (walPosition != published)
        {
            await store.PutAsync(DcsKeys.Status, StatusJson.Serialize(walPosition), null, ct);
        }
    }

    /// <summary>Records a promotion: the timeline we leave, where we left it, and who took over.</summary>
    public async Task AppendHistoryAsync(IReadOnlyList<HistoryEntry> history, int timeline, long lsn, string newLeader, CancellationToken ct)
    {
        if (timeline <= 0 || history.Any(h => h.Timeline == timeline))
        {
            return;
        }
        var entry = new HistoryEntry(timeline, lsn, "no recovery target specified", clock.GetUtcNow(), newLeader);
        await store.PutAsync(DcsKeys.History, HistoryJson.Serialize([.. history, entry]), null, ct);
    }
}

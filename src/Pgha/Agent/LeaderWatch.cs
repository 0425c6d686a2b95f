using Microsoft.Extensions.Logging;
using Pgha.Core.Dcs;

namespace Pgha.Agent;

/// <summary>
/// Keeps an etcd watch open on the cluster prefix and wakes the HA loop on changes, so that a replica reacts to the
/// loss of the leader key at once instead of at the next loop_wait.
/// </summary>
public sealed class LeaderWatch(IClusterStore store, AsyncSignal wake, ILogger<LeaderWatch> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        long revision = 0;
        string? leader = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (revision == 0)
                {
                    Core.Cluster.ClusterView view = await store.ReadAsync(ct);
                    (revision, leader) = (view.Revision, view.Leader?.Name);
                }
                await foreach (DcsChange change in store.WatchAsync(revision, ct))
                {
                    revision = change.Revision;
                    if (MattersToTheLoop(change, leader))
                    {
                        wake.Set();
                    }
                    if (change.Key == DcsKeys.Leader)
                    {
                        leader = change.Value;
                    }
                }
                // The stream ended (compaction): re-read, and wake the loop in case a change was missed.
                revision = 0;
                wake.Set();
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DcsUnavailableException or HttpRequestException or IOException)
            {
                logger.LogDebug("etcd watch interrupted, re-reading: {Error}", e.Message);
                revision = 0;
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    /// <summary>
    /// Member and status keys change every cycle and the leader re-puts its own key on each refresh: waking on those
    /// would spin every agent. Only a new or deleted leader, a failover request or a config change calls for a decision.
    /// </summary>
    private static bool MattersToTheLoop(DcsChange change, string? leader) => change.Key switch
    {
        DcsKeys.Leader => change.Value != leader,
        DcsKeys.Failover or DcsKeys.Config or DcsKeys.Initialize => true,
        _ => false,
    };
}

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
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (revision == 0)
                {
                    revision = (await store.ReadAsync(ct)).Revision;
                }
                DcsChange change = await store.WaitForChangeAsync(revision, ct);
                revision = change.Revision;
                // Member keys change every cycle; only the keys that can call for a decision wake the loop.
                if (change.Key is DcsKeys.Leader or DcsKeys.Failover or DcsKeys.Config or DcsKeys.Initialize)
                {
                    wake.Set();
                }
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
}

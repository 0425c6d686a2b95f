using Microsoft.Extensions.Logging;
using Pgha.Core.Ha;
using Pgha.Etcd;

namespace Pgha.Agent;

/// <summary>
/// SIGTERM: stop PostgreSQL (fast, clean), then delete the leader key and revoke the lease so that the member key
/// vanishes too and a replica races for leadership at once instead of waiting for the TTL. Paused: leave all as is.
/// </summary>
public sealed class AgentShutdown(IPostgresControl control, EtcdLeaderLease lease, ILogger<AgentShutdown> logger)
{
    public async Task RunAsync(AgentMemory memory, HaSettings settings, IPostgresProbe probe)
    {
        using var cts = new CancellationTokenSource(settings.Ttl + TimeSpan.FromSeconds(30));
        if (settings.Paused)
        {
            logger.LogInformation("shutting down in maintenance mode: leaving PostgreSQL and the leader key as they are");
            return;
        }
        try
        {
            await control.StopAsync(DemoteMode.Offline, cts.Token);
            logger.LogInformation("PostgreSQL stopped");
        }
        catch (Exception e) when (e is PghaException or IOException or OperationCanceledException)
        {
            // A primary we could not stop must keep its key: releasing it would invite a second primary.
            logger.LogError("could not stop PostgreSQL, keeping the leader key: {Error}", e.Message);
            return;
        }
        try
        {
            if (memory.HoldsLeaderKey)
            {
                await lease.ReleaseAsync(cts.Token);
                logger.LogInformation("leader key released");
            }
            await lease.RevokeAsync(cts.Token);
        }
        catch (Exception e) when (e is DcsUnavailableException or LeaseLostException or OperationCanceledException)
        {
            logger.LogWarning("could not release the leader key; it expires with its ttl: {Error}", e.Message);
        }
    }
}

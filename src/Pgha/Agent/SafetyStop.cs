using Microsoft.Extensions.Logging;
using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>
/// The fence of last resort when a cycle itself fails: a node that may still run as primary but has not refreshed
/// its leader key within ttl minus the margin stops PostgreSQL, whatever broke the cycle.
/// </summary>
public sealed class SafetyStop(IPostgresControl control, TimeProvider clock, ILogger<SafetyStop> logger)
{
    public async Task<AgentMemory> CheckAsync(AgentMemory memory, HaSettings settings, CancellationToken ct)
    {
        if (memory.LeaderKeyRefreshedAt is not { } refreshed || clock.GetUtcNow() - refreshed < settings.Ttl - settings.DemoteMargin)
        {
            return memory;
        }
        logger.LogWarning("stopping PostgreSQL: the leader key was not refreshed for {Seconds:0.#}s", (clock.GetUtcNow() - refreshed).TotalSeconds);
        await control.StopAsync(DemoteMode.ImmediateNoLock, ct);
        return memory with { HoldsLeaderKey = false, LeaderKeyRefreshedAt = null, NeedsRewindCheck = true };
    }
}

using Microsoft.Extensions.Logging;
using Pgha.Core.Dcs;
using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>
/// After each cycle on the leader: writes the <c>failsafe</c> key when its content changed (failsafe_mode on), or
/// deletes it (failsafe_mode off). What to write is <see cref="FailsafeKeyPlan"/>'s pure answer.
/// </summary>
public sealed class FailsafeKeeper(IClusterStore store, ILogger<FailsafeKeeper> logger)
{
    public async Task KeepAsync(HaInput input, AgentMemory memory, CancellationToken ct)
    {
        if (FailsafeKeyPlan.Plan(input.Cluster, input.Settings, memory, input.Postgres.IsRunningPrimary) is not { } change)
        {
            return;
        }
        try
        {
            if (change.Value is null)
            {
                await store.DeleteAsync(DcsKeys.Failsafe, null, ct);
            }
            else
            {
                await store.PutAsync(DcsKeys.Failsafe, change.Value, null, ct);
            }
        }
        catch (DcsUnavailableException e)
        {
            // The next cycle tries again; until then the previous list (or none) stands.
            logger.LogWarning("could not update the failsafe key: {Error}", e.Message);
        }
    }
}
